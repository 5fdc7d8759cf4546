"""French word lists for reading a message clause by clause (see
`reading.clauses`): contact and its end, removal from a list, requests, what a
negation takes back, decisions, the other party, approval, the offer's nouns and
options."""

CONTACT = [
    r"e-?mails?",
    r"mails?",
    r"courriels?",
    r"messages?",
    r"sms",
    r"appels?",
    r"envois?",
    r"ecrire",
    r"contact\w*",
    r"sollicit\w*",
    r"demarch\w*",
    r"relances?",
    r"newsletters?",
    r"publicites?",
]
CEASE = [r"assez de", r"ras le bol", r"plus", r"cess\w*", r"arret\w*", r"jamais"]
REMOVE = [r"supprim\w*", r"retir\w*", r"effac\w*", r"desinscri\w*", r"ray\w*"]
LISTS = [
    r"numero",
    r"adresse",
    r"donnees",
    r"coordonnees",
    r"listes?",
    r"fichiers?",
    r"base(?: de donnees)?",
    r"envois",
    r"crm",
]
REQUEST = [
    r"svp",
    r"s'il vous plait",
    r"envoy\w*",
    r"merci de",
    r"(?:pouvez|pourriez)-vous",
    r"(?:je|nous) (?:voudrions|voudrais|souhaiterions|souhaiterais|aimerions|aimerais)",
    r"quel(?:le)?s? (?:est|sont|serai\w*)",
    r"combien",
]
NEGATED = [
    r"veu\w+",
    r"souhait\w*",
    r"rentable",
    r"sens",
    r"utilite",
    r"besoin",
    r"interess\w*",
    r"donner suite",
    r"donnerons suite",
    r"usage",
    r"utilis\w*",
    r"pour nous",
    r"la peine",
    r"le coup",
    r"engag\w*",
    r"poursuiv\w*",
    r"continu\w*",
]
AGAINST = [
    r"ni maintenant ni (?:plus tard|jamais)",
    r"(?:sommes|est) (?:\w+ ){0,2}(?:equipes?|couverts?)",
    r"(?:vote|decide|prononces?|opte) contre",
    r"(?:decide|choisi) de ne pas",
    r"sine die",
    r"(?:a une date )?indetermine\w*",
    r"(?:on reste|nous restons|rester|garder|laisser) (?:les choses )?comme (?:ca|c'est|nous sommes|avant)",
]
DECISION = [
    r"reconduit",
    r"renouvele",
    r"choisi",
    r"retenu",
    r"signe",
    r"opte pour",
    r"confie",
    r"garder",
    r"restons avec",
    r"rester avec",
]
OTHER_PARTY = [
    r"moins-disant",
    r"(?:autre|meilleure) offre",
    r"(?:autre|un autre|une autre|nouveau|nouvelle|notre actuel\w*) (?:\w+ )?(?:proposition|prestataire|societe|entreprise|offre|fournisseur|partenaire)",
    r"concurren\w*",
    r"la societe qui",
]
# Approval of the offer ("the quote looks fine"): with a noun of the offer, a yes.
APPROVE = [
    r"convient",
    r"correct",
    r"bien",
    r"ok",
    r"parfait",
    r"raisonnable",
    r"d'accord",
    r"honnete",
]
# (and starting: "When could you start?", "Vous pouvez démarrer quand ?")
TOPIC = [
    r"accord",
    r"commencer",
    r"demarrer",
    r"contrat",
    r"conditions",
    r"date de debut",
    r"couts?",
    r"devis",
    r"tarifs?",
]
# Taking one of our options ("we'll go with the fortnightly option"): a yes.
ACCEPT = ["part(?:ons)? sur", "prend(?:s|re|rons)?", "choisi\\w*", "opte\\w* pour", "reten\\w*"]
OFFER = ["formule", "option", "offre", "forfait", "proposition"]
