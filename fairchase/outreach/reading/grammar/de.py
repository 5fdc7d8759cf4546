"""German word lists for reading a message clause by clause (see
`reading.clauses`): contact and its end, removal from a list, requests, what a
negation takes back, decisions, the other party, approval, the offer's nouns and
options."""

CONTACT = [
    r"e-?mails?",
    r"mails?",
    r"nachricht\w*",
    r"sms",
    r"anrufe?",
    r"anschreib\w*",
    r"angeschrieben",
    r"kontakt\w*",
    r"werbung",
    r"newsletter",
    r"post",
    r"zuschrift\w*",
]
CEASE = [
    r"genug (?:mit|von)",
    r"nicht mehr",
    r"nich mehr",
    r"keine? (?:\w+ )?mehr",
    r"nie wieder",
    r"nimmer",
    r"aufhoren",
    r"einstellen",
    r"unterlassen",
]
REMOVE = [r"losch\w*", r"entfern\w*", r"streich\w*", r"austrag\w*"]
LISTS = [
    r"(?:telefon)?nummer",
    r"adresse",
    r"daten",
    r"kontaktdaten",
    r"e-?mail-?adresse",
    r"listen?",
    r"verteiler\w*",
    r"datenbank",
    r"kartei",
    r"system",
    r"adressbuch",
    r"crm",
]
REQUEST = [
    r"bitte",
    r"schicken",
    r"senden",
    r"schick",
    r"(?:hatte|hatten|mochte|mochten|wurde|wurden) (?:\w+ )?gerne?",
    r"(?:konnen|konnten|wurden) sie",
    r"was (?:kostet|kosten|ware|wurde)",
    r"wie (?:viel|teuer|hoch)",
]
NEGATED = [
    r"mochte\w*",
    r"will",
    r"rechnet",
    r"verwendung",
    r"sinn",
    r"nutzen",
    r"brauch\w*",
    r"benotig\w*",
    r"woll\w*",
    r"interess\w*",
    r"beauftrag\w*",
    r"nutz\w*",
    r"lohnt",
    r"rentiert",
    r"fur uns",
    r"in frage",
    r"weiterverfolg\w*",
    r"bedarf",
]
AGAINST = [
    r"weder jetzt noch (?:spater|in zukunft)",
    r"(?:sind|ist) (?:\w+ ){0,2}(?:versorgt|abgedeckt)",
    r"entschieden,? (?:\w+ ){0,3}nicht",
    r"auf unbestimmte zeit",
    r"(?:bleibt|bleiben|lassen|belassen) (?:\w+ ){0,2}(?:alles )?(?:so,? )?wie (?:es ist|bisher|gehabt)",
    r"gegen (?:\w+ ){0,4}(?:entschieden|gestimmt|ausgesprochen|votiert)",
    r"dagegen (?:entschieden|gestimmt|ausgesprochen)",
]
DECISION = [
    r"entschieden",
    r"ubertragen",
    r"ubergeben",
    r"verlangert",
    r"entschieden fur",
    r"gewahlt",
    r"beauftragt",
    r"vergeben",
    r"erteilt",
    r"unterschrieben",
    r"unterzeichnet",
    r"zuschlag",
    r"bleiben bei",
]
OTHER_PARTY = [
    r"(?:gunstigsten?|billigsten?|anderen?) (?:bieter|anbieter|angebot)",
    r"unser\w* (?:\w+ )?(?:verwalter\w*|hausverwaltung|gebaudeverwalt\w*|vermieter\w*|hausmeister\w*)",
    r"(?:anderen?|andere[mnrs]?|regionalen?|lokalen?|neuen?|bisherigen?|bestehenden?) (?:\w+ )?(?:anbieter\w*|dienstleister\w*|firma|unternehmen|partner\w*|reinigungsfirma|hausmeister\w*)",
    r"konkurren\w*",
    r"mitbewerber\w*",
]
# Approval of the offer ("the quote looks fine"): with a noun of the offer, a yes.
APPROVE = [
    r"passt",
    r"gut",
    r"ok(?:ay)?",
    r"in ordnung",
    r"einverstanden",
    r"akzeptabel",
    r"vernunftig",
    r"fair",
    r"angemessen",
]
# (and starting: "When could you start?", "Vous pouvez démarrer quand ?")
TOPIC = [
    r"vereinbarung",
    r"anfangen",
    r"beginnen",
    r"starten",
    r"loslegen",
    r"vertrag\w*",
    r"agb",
    r"auftragsbestatigung",
    r"starttermin",
    r"angebot",
    r"kosten",
    r"preis\w*",
]
# Taking one of our options ("we'll go with the fortnightly option"): a yes.
ACCEPT = ["nehmen", "wahlen", "entscheiden uns fur"]
OFFER = ["paket", "option", "tarif", "angebot", "variante"]
