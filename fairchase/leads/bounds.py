"""The bounds of the business settings (`models.BusinessSettings`), said in words."""

from django.core.validators import MaxValueValidator, MinValueValidator

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
