"""The lead book: leads, attempts, commitments and the transitions between states.

Every change goes through `fairchase.leads.actions`, which writes the row and recomputes the
plan fields (next_action, next_due, ...) from `fairchase.policy.plan`: Today's one indexed query.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone as tz

from fairchase import policy
from fairchase.policy.settings import parse_contact_hours

from . import bounds, names
from .home import Home, home_of
from .normalize import valid_zone
from .search import SearchedByName


class Status(models.TextChoices):
    OPEN = "open", "Open (silent)"
    ENGAGED = "engaged", "Engaged"
    NURTURE = "nurture", "Nurture (mailing list)"
    REVISIT = "revisit", "Revisit later"
    CLOSED = "closed", "Closed"
    WON = "won", "Won"
    LOST = "lost", "Lost"
    OPTED_OUT = "opted_out", "Opted out"


ACTIVE_STATUSES = (Status.OPEN, Status.ENGAGED)
# The leads someone still carries: chased now, or parked to be chased again on a date.
CARRIED_STATUSES = (*ACTIVE_STATUSES, Status.REVISIT)
# Finished leads are the decision core's training data.
FINISHED_STATUSES = (Status.WON, Status.LOST, Status.OPTED_OUT, Status.CLOSED, Status.NURTURE)


class Channel(models.TextChoices):
    CALL = "call", "Call"
    EMAIL = "email", "Email"
    TEXT = "text", "Text"
    VISIT = "visit", "Visit"


class Outcome(models.TextChoices):
    NO_ANSWER = "no_answer", "No answer"
    LEFT_MESSAGE = "left_message", "Left message"
    TALKED = "talked", "Talked"
    REPLIED = "replied", "Replied"
    BOUNCED = "bounced", "Bounced"
    OPTED_OUT = "opted_out", "Opted out"


class NextAction(models.TextChoices):
    CONTACT = "contact", "Contact"
    WAIT = "wait", "Wait"
    STOP = "stop", "Stop"
    NONE = "", "None"


SOURCES = [
    ("referral", "Referral"),
    ("inbound_call", "Inbound call"),
    ("walk_in", "Walk-in"),
    ("web_form", "Web form"),
    ("event", "Event"),
    ("cold_outreach", "Cold outreach"),
    ("purchased_list", "Purchased list"),
]
# Contacts we reach out to never enquired: not a new enquiry, worked by value (as imported).
OUTBOUND_SOURCES = ("cold_outreach", "purchased_list")
ANSWERS = frozenset({Outcome.TALKED, Outcome.REPLIED})  # a try's outcomes that are an answer
NEW_ENQUIRY = Q(status=Status.OPEN, attempt_count=0, revisit_at=None)  # `Lead.is_new_enquiry`

# Seed 002: signs of a good and of a poor prospect.
GOOD_SIGNALS = [
    ("asked_price", "Asked about price"),
    ("asked_details", "Asked for details"),
    ("stated_need", "Said why they need it"),
    ("initiated_contact", "Initiated contact themselves"),
    ("kept_promise", "Kept a promise"),
]
POOR_SIGNALS = [
    ("vague", "Vague or noncommittal"),
    ("no_specific_interest", "No specific interest"),
    ("short_conversation", "Won't spend much time"),
    ("missed_promise", "Failed to keep a promise"),
    ("distracted", "Distracted or preoccupied"),
]
CONSENTS = [("mailing_list", "Mailing list"), ("sms", "Text messages")]


class Role(models.TextChoices):
    ADMIN = "admin", "Owner / admin (sees all leads)"
    SALES = "sales", "Salesperson (own leads)"


class Profile(models.Model):
    """Per-user settings: role, phone for templates, outreach mode, calendar secret."""

    class Mode(models.TextChoices):
        SUGGEST = "suggest", "Suggest (I click send)"
        AUTOMATIC = "automatic", "Automatic (the worker sends)"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.SALES)
    phone = models.CharField(max_length=32, blank=True)
    outreach_mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.SUGGEST)
    calendar_secret = models.CharField(max_length=64, blank=True)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN or self.user.is_superuser

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"


class BusinessSettings(models.Model):
    """One row: the numbers the decision core weighs (contract `Settings`), each bounded to
    what a business can mean (`bounds`: an hourly cost of 1e12 was once accepted)."""

    hourly_cost = models.FloatField(
        default=50.0,
        help_text="What an hour of selling time costs.",
        validators=bounds.between(0, bounds.MAX_HOURLY_COST, "$10,000 an hour"),
    )
    margin = models.FloatField(
        default=1.0,
        help_text="Share of deal value that is profit (0-1).",
        validators=bounds.between(0, 1, "1 (all of a deal's value)"),
    )
    # 1.0 counts a whole deal as profit: Settings and Today say so until a person saves one.
    margin_set = models.BooleanField(
        default=False, help_text="A person has saved the margin in Settings."
    )
    daily_minutes = models.PositiveIntegerField(
        default=120,
        help_text="Selling minutes per day per person.",
        validators=bounds.between(0, bounds.MINUTES_A_DAY, "1,440 minutes (a whole day)"),
    )
    contact_start = models.TimeField(default="08:00")
    contact_end = models.TimeField(default="20:00")
    contact_days = models.CharField(  # Monday 0 .. Sunday 6: Monday to Saturday by default
        max_length=7, default="012345", validators=[bounds.contact_days, bounds.some_day]
    )
    # The core reads a cap under 1 as 1: a 0 would say one thing and do another (use Stop).
    max_attempts_per_week = models.PositiveSmallIntegerField(
        default=3,
        validators=bounds.between(
            1,
            bounds.MAX_TRIES_A_WEEK,
            f"{bounds.MAX_TRIES_A_WEEK} tries a week",
            "At least 1 try a week (to try a lead no more, use Stop chasing).",
        ),
    )
    complaint_cost = models.FloatField(
        default=200.0,
        help_text="Cost of annoying someone into a complaint.",
        validators=bounds.between(0, bounds.MAX_COMPLAINT_COST, "$1,000,000"),
    )
    business_timezone = models.CharField(max_length=64, default="UTC", validators=[valid_zone])
    # A fresh install plans in UTC (eval22 #4: a Chicago business's first call at 02:00):
    # Today and Settings ask for the zone, as they ask for the margin, until a person saves it.
    timezone_set = models.BooleanField(
        default=False, help_text="A person has saved the business time zone."
    )
    # Blank: from the time zone (`home.home_of`): "030 1234567" in Berlin, "1.200,50 €" (eval24)
    phone_region = models.CharField(max_length=2, blank=True, default="")
    currency = models.CharField(max_length=3, blank=True, default="")  # ISO 4217
    default_value = models.FloatField(
        null=True,
        blank=True,
        help_text="Deal value when a lead has none; empty = learned median.",
        validators=[MinValueValidator(0, bounds.NEGATIVE)],
    )
    minutes_call = models.FloatField(default=6.0, validators=bounds.channel_minutes())
    minutes_email = models.FloatField(default=3.0, validators=bounds.channel_minutes())
    minutes_text = models.FloatField(default=2.0, validators=bounds.channel_minutes())
    minutes_visit = models.FloatField(default=45.0, validators=bounds.channel_minutes())
    # The default templates sign with the name, and give the address by the opt-out (CAN-SPAM).
    business_name = models.CharField(
        max_length=100,
        blank=True,
        help_text="As your customers know it; the messages sign with it.",
    )
    postal_address = models.CharField(
        max_length=200,
        blank=True,
        help_text="On one line; the footer of sales emails gives it (the law asks for one).",
    )
    # What an upgrade changed to bring a value an older version accepted within the bounds
    # above (else saving any setting fails on it): said on Settings until a person saves them.
    corrected = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "business settings"

    @classmethod
    def current(cls) -> "BusinessSettings":
        obj = cls.objects.order_by("pk").first()
        return obj if obj is not None else cls.objects.create()

    @property
    def home(self) -> Home:
        """Its phone region and currency as the app uses them (`home.home_of`)."""
        return home_of(self.business_timezone, self.phone_region, self.currency)

    @property
    def margin_unset(self) -> bool:
        """Whether the plan still counts a whole deal as profit because nobody chose a margin:
        100% and never saved by a person (a margin changed in /admin/ is someone's choice)."""
        return not self.margin_set and self.margin == 1.0

    @property
    def timezone_unset(self) -> bool:
        """Whether the plan is in UTC only because nobody chose a zone: UTC and never saved by
        a person (any other zone was someone's choice, in /admin/ or a script)."""
        return not self.timezone_set and self.business_timezone == "UTC"

    def clean(self):
        """The hours' rule, for both editors (Settings and /admin/, review24 F13): the decision
        core reads a window ending before it starts, or under 15 minutes, as 08:00-20:00."""
        hours = (_hhmm(self.contact_start), _hhmm(self.contact_end))
        if parse_contact_hours(hours, default=None) is None:
            said = "Contact hours must end after they start (at least 15 minutes later)."
            raise ValidationError({"contact_end": said})

    def saved_by_person(self, changed) -> None:
        """What a person's save (Settings or /admin/; `changed`: the fields they changed) says
        besides its values: the margin is theirs, and what an upgrade corrected is seen. The
        zone is theirs if they changed it or it is not UTC: the form posts the UTC it showed,
        so saving only the margin must not answer Today's zone question (its box confirms UTC)."""
        self.margin_set = True
        if "business_timezone" in changed or self.business_timezone != "UTC":
            self.timezone_set = True
        self.corrected = ""

    def selling_minutes(self) -> float:
        """Each person's selling minutes a day: the daily minutes, but never more than the
        contact hours hold (their length, read as the decision core reads them): no try is
        made outside them, so 120 minutes with hours of 08:00-08:30 are 30."""
        hours = (_hhmm(self.contact_start), _hhmm(self.contact_end))
        start, end = policy.Settings.from_any({"contact_hours": hours}).contact_hours
        return float(min(self.daily_minutes, end - start))

    def to_policy(self) -> dict:
        """The decision core's settings dict."""
        out = {
            "hourly_cost": self.hourly_cost,
            "margin": self.margin,
            "daily_minutes": self.selling_minutes(),
            "contact_hours": (_hhmm(self.contact_start), _hhmm(self.contact_end)),
            "contact_days": tuple(int(day) for day in self.contact_days),
            "max_attempts_per_week": self.max_attempts_per_week,
            "complaint_cost": self.complaint_cost,
            "business_timezone": self.business_timezone,
            "currency_symbol": self.home.sign,
            "minutes": {
                "call": self.minutes_call,
                "email": self.minutes_email,
                "text": self.minutes_text,
                "visit": self.minutes_visit,
            },
        }
        if self.default_value is not None:
            out["default_value"] = self.default_value
        return out


def _hhmm(t) -> str:
    return t if isinstance(t, str) else t.strftime("%H:%M")


class Lead(SearchedByName):
    name = models.CharField(max_length=200)
    company = models.CharField(max_length=200, blank=True)
    email = models.EmailField(
        blank=True, db_index=True, help_text="Stored normalised (lower-case domain)."
    )
    phone = models.CharField(
        max_length=32, blank=True, db_index=True, help_text="E.164, e.g. +15551234567."
    )
    timezone = models.CharField(
        max_length=64,
        blank=True,
        help_text="IANA zone; empty = the business's.",
        validators=[valid_zone],
    )
    # Addresses a public post typed (anyone may type anyone's): while the lead has one, no
    # opt-out spreads through it unless it came through it (`actions.opt_out`'s `shown`) or the
    # team confirmed it (`actions.confirm_address`); an edit makes it the editor's word.
    typed_email = models.EmailField(blank=True, editable=False)
    typed_phone = models.CharField(max_length=32, blank=True, editable=False)
    # Addresses (as stored) this won or lost record never uses, unsuppressed: another person's
    # lead holds each, given to it after its person said no (`actions.keep_said_no`).
    kept_off = models.JSONField(default=list, blank=True, editable=False)
    source = models.CharField(max_length=64, default="web_form")
    value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="leads"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    signals = models.JSONField(default=list, blank=True)
    consents = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(default=tz.now, help_text="When the enquiry arrived.")
    updated_at = models.DateTimeField(auto_now=True)
    won_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    lost_reason = models.CharField(max_length=200, blank=True)
    revisit_at = models.DateTimeField(null=True, blank=True)
    paused_until = models.DateTimeField(null=True, blank=True, help_text="Out of office until.")
    # Denormalised from attempts so the agenda never counts rows.
    attempt_count = models.PositiveIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    first_response_at = models.DateTimeField(null=True, blank=True, help_text="Our first attempt.")
    imported_at = models.DateTimeField(null=True, blank=True, help_text="When it was imported.")
    # Their side: a reply is not an attempt of ours (it marks our latest attempt `replied`).
    responded_at = models.DateTimeField(
        null=True, blank=True, help_text="When the lead last wrote back."
    )
    # The plan, written from fairchase.policy.plan on every event.
    next_action = models.CharField(max_length=8, choices=NextAction.choices, blank=True, default="")
    next_channel = models.CharField(max_length=8, blank=True)
    next_due = models.DateTimeField(null=True, blank=True)
    next_state = models.CharField(max_length=10, blank=True)
    priority = models.FloatField(default=0.0)
    expected_value = models.FloatField(default=0.0)
    p_reply = models.FloatField(null=True, blank=True)
    plan_reason = models.TextField(blank=True)
    why_not_stop = models.TextField(blank=True)
    plan_revisit_at = models.DateTimeField(null=True, blank=True)
    planned_at = models.DateTimeField(null=True, blank=True)
    # Counts the events recorded on this lead (every action adds one). A plan is written
    # only while this is still the count it was computed from: a plan from older facts
    # (a whole-book refit that read the lead before an outcome was logged) never lands.
    events = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            # The agenda: "my active leads, best first" (healthchecks-style partial index).
            models.Index(
                fields=["owner", "-priority"],
                name="lead_agenda_active",
                condition=Q(status__in=["open", "engaged"]),
            ),
            models.Index(fields=["status", "next_due"], name="lead_status_due"),
            # "My active leads" by owner and status, carrying what Today's promise list
            # sorts and costs them by (who wrote back since our last try, the channel) and
            # the id it joins on: that list reads this index alone, never the lead rows.
            models.Index(
                fields=["owner", "status", "responded_at", "last_attempt_at", "next_channel", "id"],
                name="lead_owner_status_covering",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def first_name(self) -> str:
        """The name to greet them by: "Olga" for "Mrs. Olga Lopez" (`names.first_name`)."""
        return names.first_name(self.name)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_new_enquiry(self) -> bool:
        # an imported contact (or a revisit that came back) has a revisit date: not a new enquiry
        return self.status == Status.OPEN and self.attempt_count == 0 and self.revisit_at is None

    @property
    def response_time(self):
        """Enquiry to our first attempt, or None (also when it predates the lead's import)."""
        first, imported = self.first_response_at, self.imported_at
        return None if first is None or (imported and first < imported) else first - self.created_at


class Attempt(models.Model):
    """One outbound contact attempt and what came of it (the decision core's training data)."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="attempts")
    at = models.DateTimeField(default=tz.now)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    outcome = models.CharField(max_length=14, choices=Outcome.choices)
    minutes = models.FloatField(default=0.0)
    progress = models.BooleanField(null=True, blank=True, help_text="Moved closer to a sale?")
    notes = models.TextField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["lead", "at"], name="attempt_lead_at")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.get_outcome_display()} {self.at:%Y-%m-%d}"


class Commitment(models.Model):
    """A pinned next step (seeds 000/002): who contacts whom, about what, when."""

    class By(models.TextChoices):
        US = "us", "We contact them"
        LEAD = "lead", "They contact us"

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Done"
        MISSED = "missed", "Missed"
        CANCELLED = "cancelled", "Cancelled"

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="commitments")
    by = models.CharField(max_length=4, choices=By.choices, default=By.US)
    what = models.CharField(max_length=200)
    # How a promise of ours is kept (a call back they asked for is a call): blank, any channel
    channel = models.CharField(max_length=8, choices=Channel.choices, blank=True)
    due_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(default=tz.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [models.Index(fields=["state", "due_at"], name="commitment_state_due")]

    def __str__(self) -> str:
        return f"{self.get_by_display()}: {self.what} by {self.due_at:%Y-%m-%d %H:%M}"


class StatusChange(models.Model):
    """A transition row: the lead's audit trail and timeline (healthchecks' Flip)."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="status_changes")
    at = models.DateTimeField(default=tz.now)
    old = models.CharField(max_length=12, choices=Status.choices, blank=True)
    new = models.CharField(max_length=12, choices=Status.choices)
    reason = models.TextField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.old or '-'} -> {self.new}"


class FittedModel(models.Model):
    """The decision core's model fitted on the book (`Model.to_dict()`; `planning.training_records`)."""

    created_at = models.DateTimeField(default=tz.now)
    n_leads = models.PositiveIntegerField(default=0)
    data = models.JSONField()

    class Meta:
        get_latest_by = "created_at"


class Suppression(models.Model):
    """An address never to contact again (opt-out, hard bounce), in its normalised spelling."""

    class Kind(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone"

    kind = models.CharField(max_length=5, choices=Kind.choices)
    value = models.CharField(max_length=254, unique=True)
    reason = models.CharField(max_length=40)
    created_at = models.DateTimeField(default=tz.now)

    def __str__(self) -> str:
        return f"{self.value} ({self.reason})"

    @classmethod
    def among(cls, leads=(), values=()) -> set[str]:
        """Which of these leads' addresses and `values` nobody may use, in one query."""
        values = {*values, *(v for lead in leads for v in (lead.email, lead.phone) if v)}
        return set(cls.objects.filter(value__in=values).values_list("value", flat=True))


class WorkerLease(models.Model):
    """A worker step that only one worker may run at a time (the nightly refit, the stale
    replan): claimed by a conditional UPDATE of `until`, so exactly one worker wins."""

    name = models.CharField(max_length=40, unique=True)
    holder = models.CharField(max_length=100, blank=True)
    until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.holder or 'free'})"
