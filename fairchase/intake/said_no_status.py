"""How another tool's status-style column is read: Mailchimp's Email Status (subscribed,
unsubscribed, cleaned, pending, transactional, archived), HubSpot's Email subscription status
and Marketing contact status, a Subscription status of opted in / opted out, an Email
validation of valid / invalid / bounced. Its cells are words, not yes or no, so it has its own
reading (`status_says`), and otherwise goes where a yes/no column of who said no goes
(`said_no.said_no_cells`): a word saying they said no or the address is dead suppresses the
email (an unsubscribe, as the yes/no Unsubscribed column's yes), one saying nobody may
contact them opts the person out (as the Opted out column's yes), one saying all is well
changes nothing. Any other word counts as said no, its line saying how it was read, as in
the yes/no columns: a wrong no costs a chase, a wrong yes emails someone who said no (a
Mailchimp contact archived after unsubscribing is "archived", and only that)."""

from __future__ import annotations

from .mapping import folded

STATUS_FIELDS = ("email_status",)

# Nothing written in the cell: the column says nothing of this row.
BLANK = {"", "-", "–", "—"}

# Words that say all is well (after `mapping.folded`): English, then German, French, Spanish.
STATUS_FINE = {
    "none",  # nothing recorded (a Bounce status of none), as a blank
    "null",
    "n a",
    "subscribed",
    "resubscribed",
    "subscriber",
    "active",
    "opted in",
    "opt in",
    "optin",
    "double opt in",
    "single opt in",
    "confirmed",
    "pending",  # a double opt-in not yet confirmed: they asked to hear from us
    "unconfirmed",
    "transactional",  # Mailchimp's non-subscribed: never signed up, never said no
    "non subscribed",
    "nonsubscribed",
    "not specified",  # HubSpot's subscription status nobody set
    "marketing contact",  # HubSpot's Marketing contact status: billing, not consent
    "non marketing contact",
    "set to marketing contact",
    "set to non marketing contact",
    "valid",
    "verified",
    "deliverable",
    "ok",
    "catch all",  # a domain that takes every address: not a dead one
    "catchall",
    "accept all",
    "abonniert",
    "angemeldet",
    "aktiv",
    "gultig",
    "bestatigt",
    "abonne",
    "inscrit",
    "actif",
    "valide",
    "confirme",
    "suscrito",
    "activo",
    "valido",
    "confirmado",
}

# Words that say the person said no to email or the address is dead: the email is suppressed.
STATUS_NO_EMAIL = {
    "unsubscribed",
    "unsubscribe",
    "unsubbed",
    "opted out",
    "opt out",
    "optout",
    "cleaned",
    "bounced",
    "bounce",
    "hard bounce",
    "hard bounced",
    "hardbounce",
    "complained",
    "complaint",
    "spam",
    "spam complaint",
    "marked as spam",
    "spamtrap",
    "spam trap",
    "abuse",
    "blocked",
    "blocklisted",
    "blacklisted",
    "suppressed",
    "invalid",
    "undeliverable",
    "disposable",
    "do not mail",
    "do not email",
    "abgemeldet",
    "ungultig",
    "unzustellbar",
    "gesperrt",
    "desabonne",
    "desinscrit",
    "invalide",
    "bloque",
    "dado de baja",
    "desuscrito",
    "invalido",
    "rebotado",
    "bloqueado",
}

# Words that say nobody may contact them at all: the person is opted out.
STATUS_NOBODY = {
    "do not contact",
    "don t contact",
    "dont contact",
    "no contact",
    "nicht kontaktieren",
    "kein kontakt",
    "ne pas contacter",
    "no contactar",
}


def status_says(cell: str) -> str:
    """The yes/no field (`said_no.SAYS_NO`) a status cell acts as: "" for a word saying all
    is well (`STATUS_FINE`) or a blank, "opted_out" for one saying nobody may contact them
    (`STATUS_NOBODY`), "unsubscribed" (the email suppressed) for any other word."""
    if cell.strip() in BLANK:
        return ""
    word = folded(cell)
    if word in STATUS_FINE:
        return ""
    return "opted_out" if word in STATUS_NOBODY else "unsubscribed"


def plain_status(cell: str) -> bool:
    """Whether a status cell says no in so many words (unsubscribed, cleaned, bounced, do not
    contact); any other word read as no is said on the row's line."""
    return folded(cell) in STATUS_NO_EMAIL | STATUS_NOBODY
