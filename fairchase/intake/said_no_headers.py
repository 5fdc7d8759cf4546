"""Other tools' own columns of people who said no: HubSpot's "Unsubscribed from all email",
Salesforce's "Email Opt Out" (HasOptedOutOfEmail) and "Do Not Call" (DoNotCall), a "DNC",
"Opted out" or "Do not contact" column typed by hand. Left unread, a cold list's
unsubscribed people came in to be chased. Each is a yes/no field (`said_no.says_yes`):
a yes opts the person out, or suppresses their email or their phone (`said_no.SAYS_NO`).
"""

SAYS_NO_FIELDS = ("opted_out", "unsubscribed", "do_not_call")

# Header aliases (compared after `mapping._key`: accents, case and punctuation aside):
# English, then German, French and Spanish.
SAYS_NO_ALIASES: dict[str, list[str]] = {
    "opted_out": [
        "opted out",
        "opt out",
        "optout",
        "global opt out",
        "do not contact",
        "donotcontact",
        "don t contact",
        "dont contact",
        "nicht kontaktieren",
        "kein kontakt",
        "kontaktsperre",
        "werbewiderspruch",
        "ne pas contacter",
        "ne plus contacter",
        "no contactar",
        "no contactar mas",
    ],
    "unsubscribed": [
        "unsubscribed",
        "unsubscribed from all email",
        "unsubscribed from email",
        "email unsubscribed",
        "email opt out",
        "email opted out",
        "opted out of email",
        "opted out of all email",
        "hasoptedoutofemail",
        "has opted out of email",
        "do not email",
        "donotemail",
        "don t email",
        "abgemeldet",
        "e mail abgemeldet",
        "newsletter abgemeldet",
        "desabonne",
        "desinscrit",
        "desabonnement",
        "dado de baja",
        "desuscrito",
        "baja de correo",
    ],
    "do_not_call": [
        "do not call",
        "donotcall",
        "don t call",
        "dnc",
        "do not phone",
        "no calls",
        "nicht anrufen",
        "keine anrufe",
        "ne pas appeler",
        "no llamar",
    ],
}
