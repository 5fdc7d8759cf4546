"""The bounds of the business settings (`models.BusinessSettings`), said in words."""

from django.core.validators import (
    MaxValueValidator,
    MinLengthValidator,
    MinValueValidator,
    RegexValidator,
)

MAX_HOURLY_COST = 10_000
MINUTES_A_DAY = 1_440
MAX_COMPLAINT_COST = 1_000_000
MAX_TRIES_A_WEEK = 50
MIN_TRY_MINUTES = 1
NEGATIVE = "Must not be negative."


def between(low: float, high: float, said: str, too_low: str = NEGATIVE) -> list:
    """Validators keeping a setting within [low, high], saying the bound in words."""
    return [MinValueValidator(low, too_low), MaxValueValidator(high, f"At most {said}.")]


def channel_minutes() -> list:
    # 0 would make a try free: plans would weigh chances "against $0.00 of your time"
    return between(
        MIN_TRY_MINUTES,
        MINUTES_A_DAY,
        "1,440 minutes (a whole day)",
        "At least 1 minute: every try takes some of someone's time.",
    )


# The contact days as weekday digits, Monday 0 to Sunday 6 ("012345": Monday to Saturday),
# at least one: the decision core reads none as its own default, which would say one thing
# and do another.
contact_days = RegexValidator(r"^0?1?2?3?4?5?6?$", "Tick the days you contact people, in order.")
some_day = MinLengthValidator(1, "Tick at least one contact day.")
