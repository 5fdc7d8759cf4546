"""Dutch word lists for reading a message clause by clause (see
`reading.clauses`): contact and its end, removal from a list, requests, what a
negation takes back, decisions, the other party, approval, the offer's nouns and
options."""

CONTACT = [
    r"berichtje\w*",
    r"e-?mails?",
    r"mails?",
    r"mailtjes?",
    r"gemaild",
    r"berichten",
    r"sms(?:je)?",
    r"appjes?",
    r"telefoontjes?",
    r"gebeld",
    r"benader\w*",
    r"contact\w*",
    r"ontvangen",
    r"nieuwsbrie\w*",
    r"reclame",
]
CEASE = [
    r"genoeg (?:van|met)",
    r"hou(?:d|dt)? op",
    r"ophouden",
    r"stop(?:pen)? met",
    r"(?:niet|geen|niks|niets) (?:\w+ ){0,4}meer",
    r"niet langer",
    r"nooit meer",
    r"stoppen",
]
REMOVE = [r"verwijder\w*", r"schrap\w*", r"uitschrijv\w*", r"afmeld\w*"]
LISTS = [
    r"nummer",
    r"adres",
    r"gegevens",
    r"e-?mailadres",
    r"lijst\w*",
    r"bestand\w*",
    r"database",
    r"systeem",
    r"adressen\w*",
    r"crm",
]
REQUEST = [
    r"graag",
    r"stuur\w*",
    r"(?:kunt|kun|zou|zoudt|wilt|wil) (?:u|je|jullie)",
    r"a\.?u\.?b\.?",
    r"wat (?:kost|kosten|zijn|is)",
    r"hoeveel",
]
NEGATED = [
    r"wil(?:len)?",
    r"nut",
    r"zin",
    r"rendabel",
    r"nodig",
    r"interesse",
    r"geinteresseerd",
    r"voor ons",
    r"de moeite",
    r"loont",
    r"inhuren",
    r"gebruik\w*",
    r"doorgaan",
    r"verder(?: gaan)?",
]
AGAINST = [
    r"niet nu(?: en)? (?:ook )?niet later",
    r"nu niet en later ook niet",
    r"(?:zijn|is) (?:\w+ ){0,2}(?:voorzien|gedekt)",
    r"(?:moeten|moet) (?:helaas )?bedanken",
    r"besloten (?:\w+ ){0,3}niet",
    r"besloten (?:om )?(?:het )?niet",
    r"voor onbepaalde tijd",
    r"(?:laten|houden) (?:het|alles) (?:zoals (?:het is|het was)|bij het oude)",
    r"(?:besloten|gestemd|gekozen) tegen",
    r"tegen (?:\w+ ){0,3}(?:gestemd|besloten|gekozen)",
]
DECISION = [
    r"verlengd",
    r"gekozen",
    r"gegund",
    r"getekend",
    r"ingehuurd",
    r"in zee",
    r"houdt het bij",
    r"houden het bij",
    r"blijven bij",
    r"zelf (?:\w+ )?(?:te )?(?:blijven )?doen",
]
OTHER_PARTY = [
    r"goedkoopste (?:aanbieder|offerte|partij)",
    r"(?:andere|een andere|nieuwe|de huidige|onze huidige|onze eigen) (?:\w+ )?(?:partij|leverancier|aanbieder|firma|bedrijf|schoonmaakbedrijf|schoonmaker\w*)",
    r"concurrent\w*",
    r"zelf (?:\w+ )?(?:te )?(?:blijven )?doen",
]
# Approval of the offer ("the quote looks fine"): with a noun of the offer, a yes.
APPROVE = [r"goed", r"prima", r"ok(?:e|ay)?", r"redelijk", r"akkoord", r"in orde", r"schappelijk"]
# (and starting: "When could you start?", "Vous pouvez démarrer quand ?")
TOPIC = [
    r"beginnen",
    r"starten",
    r"contract",
    r"overeenkomst",
    r"voorwaarden",
    r"startdatum",
    r"offerte",
    r"voorstel",
    r"kosten",
    r"prijs",
]
# Taking one of our options ("we'll go with the fortnightly option"): a yes.
ACCEPT = ["kiezen voor", "nemen", "gaan voor"]
OFFER = ["optie", "pakket", "abonnement", "aanbod", "voorstel", "offerte"]
