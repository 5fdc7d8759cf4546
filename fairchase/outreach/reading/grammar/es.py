"""Spanish word lists for reading a message clause by clause (see
`reading.clauses`): contact and its end, removal from a list, requests, what a
negation takes back, decisions, the other party, approval, the offer's nouns and
options."""

CONTACT = [
    r"e-?mails?",
    r"correos?",
    r"mensajes?",
    r"sms",
    r"llamadas?",
    r"llam\w+",
    r"escrib\w*",
    r"contact\w*",
    r"publicidad",
    r"boletin\w*",
    r"whatsapps?",
]
CEASE = [
    r"basta de",
    r"ya esta bien de",
    r"(?:no|ni) (?:\w+ ){0,3}mas",
    r"ya no",
    r"nunca mas",
    r"dejen de",
    r"deje de",
    r"dejad de",
    r"paren de",
]
REMOVE = [
    r"(?:la )?baja",
    r"borr\w*",
    r"elimin\w*",
    r"quit\w*",
    r"supriman",
    r"dar(?:me|nos) de baja",
    r"den de baja",
]
LISTS = [
    r"numero",
    r"direccion",
    r"datos",
    r"correo",
    r"listas?",
    r"bases? de datos",
    r"base",
    r"ficheros?",
    r"registros?",
    r"agenda",
]
REQUEST = [
    r"por favor",
    r"porfa",
    r"envi\w+",
    r"mand\w+",
    r"(?:puede|pueden|podria|podrian|puedes)",
    r"quisiera\w*",
    r"me gustaria",
    r"cuanto",
    r"cual(?:es)? (?:es|son|seria\w*)",
]
NEGATED = [
    r"quier\w*",
    r"rentable",
    r"sentido",
    r"utilidad",
    r"sale a cuenta",
    r"necesit\w*",
    r"interes\w*",
    r"hace falta",
    r"para nosotros",
    r"la pena",
    r"compensa",
    r"contrat\w*",
    r"seguir\w*",
    r"continuar",
    r"usar",
    r"utilizar",
]
AGAINST = [
    r"ni ahora ni (?:mas adelante|nunca|luego)",
    r"(?:estamos|esta) (?:\w+ ){0,2}(?:cubiertos|servidos|atendidos)",
    r"(?:votado|votaron|votamos|decidido|decidimos|optado|optamos) en contra",
    r"(?:optado|decidido|elegido|optamos|decidimos) (?:por )?no",
    r"indefinidamente",
    r"por tiempo indefinido",
    r"(?:quedamos|seguimos|quedarnos|seguir|dejarlo|lo dejamos) (?:\w+ )?como (?:estamos|esta|hasta ahora)",
]
DECISION = [
    r"(?:ha|han|hemos) quedado con",
    r"renovado",
    r"renovamos",
    r"elegido",
    r"escogido",
    r"contratado",
    r"firmado",
    r"optado por",
    r"adjudicado",
    r"decantado",
    r"quedamos con",
    r"seguimos con",
    r"descart\w*",
]
OTHER_PARTY = [
    r"(?:la )?mas economica",
    r"(?:otra|mejor) oferta",
    r"(?:empresa|proveedor\w*|compania) (?:actual|habitual|de siempre|anterior)",
    r"(?:otra|otro|una nueva|un nuevo|la misma|de siempre) (?:\w+ )?(?:empresa|proveedor|compania|oferta|propuesta)",
    r"empresa de siempre",
    r"competencia",
]
# Approval of the offer ("the quote looks fine"): with a noun of the offer, a yes.
APPROVE = [
    r"correcto",
    r"bien",
    r"vale",
    r"ok",
    r"razonable",
    r"encaja",
    r"cuadra",
    r"perfecto",
    r"justo",
]
# (and starting: "When could you start?", "Vous pouvez démarrer quand ?")
TOPIC = [
    r"acuerdo",
    r"empezar\w*",
    r"empiezan",
    r"comenzar\w*",
    r"arrancar\w*",
    r"contrato",
    r"condiciones",
    r"fecha de inicio",
    r"cost[oe]s?",
    r"cotizacion",
    r"presupuesto",
    r"precio",
    r"propuesta",
]
# Taking one of our options ("we'll go with the fortnightly option"): a yes.
ACCEPT = ["quedamos con", "elegimos", "optamos por", "nos quedamos con"]
OFFER = ["opcion", "plan", "paquete", "oferta", "propuesta", "tarifa"]
