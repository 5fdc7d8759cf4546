"""What `GET /api/agenda` answers: Today's sections as the web page shows them
(`fairchase.web.agenda`), for the day it plans."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema


class AgendaItem(Schema):
    id: int
    name: str
    company: str
    source: str
    value: float | None
    section: str
    action: str
    channel: str
    due: datetime | None
    minutes: float
    priority: float
    reason: str
    next_state: str
    phone: str
    email: str
    owner: str
    waited_minutes: int | None


class AgendaCommitment(Schema):
    id: int
    lead_id: int
    name: str
    by: str
    what: str
    channel: str | None = Field(description="How it is kept (`call`: a call); null: any channel")
    due: datetime
    overdue: bool
    asked: bool = Field(
        description="A promise of ours to someone who wrote back since our last try: "
        "they are waiting for it (listed first)."
    )
    on_hold: bool = Field(
        default=False,
        description="The lead is held by a request to stop not known to be theirs: no call "
        "or message until someone confirms or corrects it in the app.",
    )


class AgendaOut(Schema):
    now: datetime
    day: date = Field(
        description="The day planned, in the business's zone: today, or on a day that is not a "
        "contact day (a Sunday) or after the contact hours, the next contact day. Commitments "
        "and follow-ups are those due by its end."
    )
    day_note: str = Field(
        description='Why the day planned is not today ("Sunday: not a contact day."), or empty.'
    )
    gone: str | None = Field(
        default=None,
        description="For a person who no longer works here (`?owner=` a deactivated user): why "
        'the lists are empty and what is left to do ("Maria no longer works here: reassign '
        'their 3 leads."), as Today says it; null otherwise.',
    )
    minutes_sentence: str = Field(description="The minutes line Today shows, naming the day.")
    budget_minutes: float = Field(
        description="The day's selling minutes left (minutes logged on it taken off)."
    )
    daily_minutes: float | None
    new: list[AgendaItem]
    commitments: list[AgendaCommitment]
    followups: list[AgendaItem]
    wings: list[AgendaItem] = Field(description="Due, past the line where the minutes run out.")
    waiting: list[AgendaItem] = Field(
        description="Worth chasing, waiting for their turn (Today lists them in the wings)."
    )
    let_go: list[AgendaItem]
    totals: dict[str, int]
