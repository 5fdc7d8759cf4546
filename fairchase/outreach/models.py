"""Outreach rows: editable message templates, the outbox and the inbound mailbox.

The outbox is healthchecks' notification table turned into a queue: one row per
message, claimed by a conditional UPDATE, with a Message-ID fixed at queue time so
a person (or the mailbox poller) can always tell which message a reply belongs to.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone as tz

from fairchase.leads.models import Lead


class MessageTemplate(models.Model):
    """A message with {{placeholders}}, edited in the UI and rendered per lead."""

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        TEXT = "text", "Text message"

    class Purpose(models.TextChoices):
        FIRST_RESPONSE = "first_response", "First response to a new enquiry"
        INTRODUCTION = "introduction", "First message to an imported contact"
        VOICEMAIL = "voicemail", "Email after a voicemail"
        RECAP = "recap", "Recap after a call"
        BREAKUP = "breakup", "Last message (door open)"
        MAILING_LIST = "mailing_list", "Mailing-list invitation"
        REVISIT = "revisit", "Revisit check-in"
        FOLLOW_UP = "follow_up", "Follow-up"
        REPLY = "reply", "Answer to their message"
        OTHER = "other", "Other"

    name = models.CharField(max_length=100)
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.OTHER)
    channel = models.CharField(max_length=5, choices=Channel.choices, default=Channel.EMAIL)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["channel", "purpose", "name"]

    def __str__(self) -> str:
        return self.name


class OutboundMessage(models.Model):
    """One outgoing email or text: queued, claimed by one worker, sent once."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"
        # The worker died between claim and the provider's answer: a person decides.
        UNKNOWN = "unknown", "Unknown (check)"

    class Kind(models.TextChoices):
        TO_LEAD = "lead", "To the lead"
        # To the lead's owner about the lead ("new enquiry"): no courtesy rules, no attempt.
        OWNER_ALERT = "alert", "Alert to the owner"
        # To the address a form's post typed ("we got your message"): a receipt, not an
        # attempt; sent at once at any hour, never to an address that asked not to be
        # contacted. It belongs to no lead (`lead` is None since 0020): the post may have
        # joined a customer's lead with a stranger's address (`outbox.queue_receipt`).
        RECEIPT = "ack", "Acknowledgement to the enquirer"

    # None only for a receipt (the constraint below): it is from the business, not a lead's.
    lead = models.ForeignKey(
        Lead,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outbound_messages",
    )
    kind = models.CharField(max_length=5, choices=Kind.choices, default=Kind.TO_LEAD)
    # An automatic message's plan step ("follow_up@7": purpose and the lead's event count
    # when it was queued); unique per lead among messages not failed, so two workers never
    # queue the same step twice, and a step whose message failed (never went) is free again.
    step = models.CharField(max_length=60, blank=True)
    template = models.ForeignKey(MessageTemplate, null=True, blank=True, on_delete=models.SET_NULL)
    channel = models.CharField(max_length=5, choices=MessageTemplate.Channel.choices)
    to = models.CharField(max_length=254)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    message_id = models.CharField(max_length=200, unique=True)
    due_at = models.DateTimeField(default=tz.now)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    error = models.TextField(blank=True)
    provider_id = models.CharField(max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Who asked for it: a person (suggest mode) or None (automatic mode, the worker).
    queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    # Whose name and phone its words carry: the lead's owner when it was written (None for an
    # owner's alert, and rows older than this field that were not queued). From another owner
    # it would go signed by someone else (`refusals.written_before_reassigned`).
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The person confirmed sending outside contact hours or past the weekly cap (never an
    # opt-out or a suppressed address: those are refused whoever asks).
    override = models.BooleanField(default=False)
    # Its words are its template's as drafted (a click on Send, the automatic worker), not a
    # person's edit: worded again at send time when the reader's day changed (`outbox`).
    as_drafted = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=tz.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=100, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The worker only asks "what is due now?" (healthchecks' partial index).
            models.Index(fields=["due_at"], name="outbox_queued_due", condition=Q(state="queued")),
            models.Index(fields=["lead", "state"], name="outbox_lead_state"),
            # Today's "settle these" block: the few unknown sends, found without every lead.
            models.Index(fields=["state"], name="outbox_state"),
        ]
        constraints = [
            # A failed row never went (refused, or given up on): it holds no step. Sent, in
            # flight, unknown (it may have gone) and cancelled (someone decided) still do.
            models.UniqueConstraint(
                fields=["lead", "step"],
                condition=~Q(step="") & ~Q(state="failed"),
                name="outbox_one_live_message_per_step",
            ),
            # Every message but a receipt is about a lead (sent to it, or to its owner).
            models.CheckConstraint(
                condition=Q(lead__isnull=False) | Q(kind="ack"),
                name="outbox_only_receipts_without_a_lead",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel} to {self.to} ({self.state})"

    @property
    def label(self) -> str:
        """What it is, for a person reading the lead's history: an alert went to the owner
        (not to the lead), a receipt is an automatic acknowledgement (not a try)."""
        if self.kind == self.Kind.OWNER_ALERT:
            return f"Alert to the owner ({self.to})"
        if self.kind == self.Kind.RECEIPT:
            return "Automatic acknowledgement email"
        return self.get_channel_display()

    @property
    def held(self) -> bool:
        """Queued and waiting for contact hours or the weekly cap (a person may confirm it)."""
        from .refusals import HELD, NOT_A_CONTACT_DAY

        held = self.error in HELD.values() or self.error.endswith(NOT_A_CONTACT_DAY)
        return self.state == self.State.QUEUED and held

    @property
    def is_pending(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.SENDING, self.State.UNKNOWN)


class MessageChange(models.Model):
    """A transition row of an outbound message (queued -> sending -> sent, cancelled, ...):
    written by `outreach.actions.move`, the one door for a message's state."""

    message = models.ForeignKey(OutboundMessage, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(default=tz.now)
    old = models.CharField(max_length=10, choices=OutboundMessage.State.choices, blank=True)
    new = models.CharField(max_length=10, choices=OutboundMessage.State.choices)
    reason = models.CharField(max_length=500, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.old or '-'} -> {self.new}"


class InboundMessage(models.Model):
    """A mailbox message or inbound text, handled exactly once, with what it says."""

    class Kind(models.TextChoices):
        UNCLEAR = "unclear", "Unclear (for a person to read)"
        INTERESTED = "interested", "Interested"
        AUTO_REPLY = "auto_reply", "Automatic reply"
        OPT_OUT = "opt_out", "Asked to stop"
        NOT_INTERESTED = "not_interested", "Not interested"
        LATER = "later", "Later (revisit)"
        CALL_BACK = "call_back", "Call back on a date"
        BOUNCE = "bounce", "Bounce"
        UNMATCHED = "unmatched", "Not from a lead"

    class Hold(models.TextChoices):
        """Why the message holds its lead for a person (`held`), stored when it is read: never
        read back from the evidence, a sentence for people that may be reworded or cut."""

        NONE = "", "Not held"
        STOP = "stop", "Asked to stop, not known to be them"
        FORMER_ADDRESS = "former_address", "Unsubscribed with a link sent to a former address"
        BOUNCE = "bounce", "A bounce naming no message of ours"
        UNKNOWN_BOUNCE = "bounce_code", "A bounce with a code we cannot classify"

    key = models.CharField(max_length=255, unique=True, help_text="Message-ID, or folder/UID.")
    lead = models.ForeignKey(
        Lead, null=True, blank=True, on_delete=models.CASCADE, related_name="inbound_messages"
    )
    outbound = models.ForeignKey(OutboundMessage, null=True, blank=True, on_delete=models.SET_NULL)
    channel = models.CharField(max_length=5, default="email")
    sender = models.CharField(max_length=254, blank=True)
    subject = models.CharField(max_length=255, blank=True)
    text = models.TextField(blank=True, help_text="The new part of the message (quotes removed).")
    received_at = models.DateTimeField(default=tz.now)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.UNCLEAR)
    # What the reader found: the date it read, the words that decided, the language, what was done.
    until = models.DateTimeField(null=True, blank=True)
    evidence = models.CharField(max_length=255, blank=True)
    language = models.CharField(max_length=8, blank=True)
    effect = models.CharField(max_length=255, blank=True)
    # It refused email alone and asked for a call: their email address is suppressed, and a
    # correction of the reading allows it again (`inbound._no_more_email`, `_undo`).
    no_email = models.BooleanField(default=False)
    # Held for a person until one decides (corrected_by set): why, and the address a held
    # bounce names (the one blocked when a person confirms it).
    hold = models.CharField(max_length=16, choices=Hold.choices, blank=True, default=Hold.NONE)
    held_address = models.CharField(max_length=254, blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(default=tz.now)

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [  # `held.held_stops`: the undecided holds, few among many messages
            models.Index(
                fields=["-received_at"],
                name="inbound_held_undecided",
                condition=~Q(hold="") & Q(corrected_by__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} from {self.sender}"

    @property
    def language_name(self) -> str:
        return LANGUAGE_NAMES.get(self.language, self.language)


LANGUAGE_NAMES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "pt": "Portuguese",
    "nl": "Dutch",
}


class ReadingCorrection(models.Model):
    """A person corrected how a message was read: kept as a labelled example (the text,
    its language, what the reader said and what was right) to measure and improve the reader."""

    inbound = models.ForeignKey(
        InboundMessage, null=True, on_delete=models.SET_NULL, related_name="corrections"
    )
    channel = models.CharField(max_length=5, default="email")
    text = models.TextField()
    language = models.CharField(max_length=8, blank=True)
    wrong_kind = models.CharField(max_length=16, choices=InboundMessage.Kind.choices)
    right_kind = models.CharField(max_length=16, choices=InboundMessage.Kind.choices)
    wrong_until = models.DateTimeField(null=True, blank=True)
    evidence = models.CharField(
        max_length=255, blank=True, help_text="The words the reader went by."
    )
    received_at = models.DateTimeField(null=True, blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(default=tz.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.wrong_kind} -> {self.right_kind}"


class MailboxCursor(models.Model):
    """How far the poller has read one IMAP folder (reset when UIDVALIDITY changes)."""

    folder = models.CharField(max_length=200, unique=True)
    uidvalidity = models.BigIntegerField(default=0)
    last_uid = models.BigIntegerField(default=0)
    polled_at = models.DateTimeField(null=True, blank=True)  # the last poll that read it
    # Polls in a row that could not read it, since when, and why in words (Today says it).
    failures = models.PositiveIntegerField(default=0)
    failing_since = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    # The message being read and how many times its reading began: a worker killed while
    # reading it (out of memory, out of time) reads it again, a few times at most.
    reading_uid = models.BigIntegerField(default=0)
    reading_tries = models.PositiveSmallIntegerField(default=0)
