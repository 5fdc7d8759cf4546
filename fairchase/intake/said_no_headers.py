"""Other tools' own columns of people who said no: HubSpot's "Unsubscribed from all email",
Salesforce's "Email Opt Out" (HasOptedOutOfEmail) and "Do Not Call" (DoNotCall), a "DNC",
"Opted out", "Do not contact" or "Blacklisted" column typed by hand. Left unread, a cold list's
unsubscribed people came in to be chased. Each is a yes/no field (`said_no.says_yes`):
a yes opts the person out, or suppresses their email or their phone (`said_no.SAYS_NO`).
A status-style column (Mailchimp's "Email Status", HubSpot's "Email subscription status", a
"Subscription status" or "Email validation") holds words instead, read by
`said_no_status.status_says`: "unsubscribed", "cleaned", "bounced" suppress the email.
"""

SAYS_NO_FIELDS = ("opted_out", "unsubscribed", "do_not_call", "email_status")

# Header aliases (compared after `mapping._key`: accents, case and punctuation aside):
# English, then German, French and Spanish.
# A status alias names email or a subscription: a word read as no suppresses the address for
# good, so a gym's "Member status" (Expired) or an identity check's "Verification status"
# (Rejected) is left for the person to map.
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
        "blacklisted",
        "blocklisted",
        "blacklist",
        "blocklist",
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
        "abmeld",  # "E-Mail, Abmeldung"
        "bounced",
        "blocked",
        "gesperrt",
        "sperr",
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
    "email_status": [
        "email status",
        "email marketing status",
        "email subscription status",
        "subscription status",
        "subscriber status",
        "marketing status",
        "marketing email status",
        "marketing contact status",
        "newsletter status",
        "opt in status",
        "optin status",
        "email opt in status",
        "email validation",
        "email validation status",
        "email verification",
        "email verification status",
        "email deliverability",
        "deliverability status",
        "bounce status",
        "e mail status",
        "abostatus",
        "abonnementstatus",
        "anmeldestatus",
        "statut e mail",
        "statut email",
        "statut de l e mail",
        "statut d abonnement",
        "statut de l abonnement",
        "estado del correo",
        "estado del correo electronico",
        "estado del email",
        "estado de suscripcion",
        "estado de la suscripcion",
    ],
}

# Words of a header that speaks of who said no in a form the aliases do not list ("Opt-out
# date", "Marketing unsubscribe reason", "Do not mail"): such a column left unread is said
# loudly, as its people would be chased.
SAYS_NO_WORDS = (
    "unsub",  # Mailchimp's UNSUB_TIME too
    "clean time",  # Mailchimp's CLEAN_TIME: a dead address, outside a Mailchimp export
    "cleaned",
    "opt out",
    "opted out",
    "optout",
    "do not",
    "don t",
    "dont",
    "dnc",
    "blacklist",
    "blocklist",
    "abgemeldet",
    "abmeld",  # "E-Mail, Abmeldung"
    "bounced",
    "blocked",
    "gesperrt",
    "sperr",
    "nicht anrufen",
    "nicht kontaktieren",
    "desabonn",
    "desinscri",
    "ne pas",
    "baja",
    "no llamar",
    "no contactar",
)


def speaks_of_saying_no(key: str) -> bool:
    """Whether a header (after `mapping._key`) names one of SAYS_NO_WORDS, at a word's start."""
    padded = f" {key} "
    return any(f" {word}" in padded for word in SAYS_NO_WORDS)
