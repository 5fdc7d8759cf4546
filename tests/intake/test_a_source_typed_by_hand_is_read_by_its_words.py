"""A hand-typed source is read by its words onto the sources the decision core knows (eval31
#5: "Called in" became `called_in`, "referral - Bob Keller" `referral_bob_keller`, and
the plan used the generic prior); the referrer's name stays in the notes; a source we do
not know is kept as written."""

from fairchase.leads.models import Lead

from .importing import import_text

SHEET = (
    "Name;Email;Where from\r\n"
    "Patty Moreno;patty@example.com;Called in\r\n"
    "Mrs. Alvarez;alvarez@example.com;referral - Bob Keller\r\n"
    "Greg Hollis;greg@example.com;Home show\r\n"
    "Tom Becker;tom@example.com;yard sign\r\n"
    "Both Ways;both@example.com;Google referral\r\n"
    "Own Code;code@example.com;trade_fair\r\n"
)


def test_a_source_typed_by_hand_is_read_by_its_words(alice):
    import_text(alice, SHEET)
    sources = dict(Lead.objects.values_list("name", "source"))
    assert sources == {
        "Patty Moreno": "inbound_call",
        "Mrs. Alvarez": "referral",
        "Greg Hollis": "event",
        "Tom Becker": "yard_sign",  # not one of ours: kept as written
        "Both Ways": "google_referral",  # its words point at two of ours: kept as written
        "Own Code": "trade_fair",  # a code as stored (an export's) is not read by its words
    }


def test_the_referrers_name_is_kept_in_the_notes(alice):
    import_text(alice, SHEET)
    notes = Lead.objects.get(name="Mrs. Alvarez").notes
    assert "Bob Keller" in notes
