"""Portuguese word lists for reading a message clause by clause (see
`reading.clauses`): contact and its end, removal from a list, requests, what a
negation takes back, decisions, the other party, approval, the offer's nouns and
options."""

CONTACT = [
    r"e-?mails?",
    r"mensage(?:m|ns)",
    r"msg",
    r"sms",
    r"ligac(?:ao|oes)",
    r"lig\w+",
    r"contat\w*",
    r"escrev\w*",
    r"procur\w*",
    r"propaganda",
    r"whats(?:app)?",
]
CEASE = [
    r"(?:para|pare|parem) com",
    r"nao (?:\w+ ){0,3}mais",
    r"nunca mais",
    r"chega de",
    r"parem? de",
    r"deixem? de",
]
REMOVE = [r"retir\w*", r"remov\w*", r"exclu\w*", r"apag\w*", r"descadastr\w*", r"tir\w+"]
LISTS = [
    r"numero",
    r"endereco",
    r"dados",
    r"e-?mails?",
    r"listas?",
    r"cadastros?",
    r"base(?: de dados)?",
    r"mailing",
    r"contatos",
]
REQUEST = [
    r"por favor",
    r"favor",
    r"mand\w+",
    r"envi\w+",
    r"pode(?:m|ria|riam)?",
    r"gostaria\w*",
    r"queria\w*",
    r"quanto",
    r"qual (?:e|o|seria)",
]
NEGATED = [
    r"quer\w*",
    r"sentido",
    r"utilidade",
    r"precis\w*",
    r"interess\w*",
    r"pra gente",
    r"para nos",
    r"a pena",
    r"compensa",
    r"contrat\w*",
    r"seguir",
    r"continuar",
    r"usar",
    r"rolar",
]
AGAINST = [
    r"nem agora nem (?:depois|nunca|mais tarde)",
    r"(?:estamos|esta) (?:\w+ ){0,2}(?:atendidos|cobertos|servidos)",
    r"por tempo indeterminado",
    r"indefinidamente",
    r"(?:manter|ficar|ficamos|deixar|mantemos) (?:\w+ )?(?:tudo )?como (?:esta|estamos|sempre)",
    r"(?:votou|votaram|votamos|decidiu|decidimos|optou|optamos|optaram) (?:por )?(?:contra|nao)",
]
DECISION = [
    r"renov\w+",
    r"escolh\w+",
    r"contratamos",
    r"contratado",
    r"fechamos",
    r"assinamos",
    r"assinar com",
    r"optamos",
    r"manter",
    r"ficar com",
]
OTHER_PARTY = [
    r"(?:a )?mais barata",
    r"(?:outra|melhor) proposta",
    r"(?:empresa|prestador\w*|fornecedor\w*|firma|equipe) (?:atual|de sempre|habitual|anterior)",
    r"(?:outra|outro|uma nova|um novo|nossa propria|nosso proprio) (?:\w+ )?(?:empresa|fornecedor|prestador|proposta|firma|equipe)",
    r"equipe propria",
    r"concorren\w*",
]
# Approval of the offer ("the quote looks fine"): with a noun of the offer, a yes.
APPROVE = [
    r"bom",
    r"boa",
    r"otimo",
    r"certo",
    r"ok",
    r"razoavel",
    r"combinado",
    r"justo",
    r"perfeito",
]
# (and starting: "When could you start?", "Vous pouvez démarrer quand ?")
TOPIC = [
    r"acordo",
    r"comecar\w*",
    r"comecam",
    r"iniciar\w*",
    r"contrato",
    r"condicoes",
    r"data de inicio",
    r"custos?",
    r"valores",
    r"orcamento",
    r"preco",
    r"proposta",
]
# Taking one of our options ("we'll go with the fortnightly option"): a yes.
ACCEPT = ["ficar com", "escolhemos", "optamos pelo", "optamos pela", "fechar com"]
OFFER = ["plano", "opcao", "pacote", "proposta", "oferta"]
