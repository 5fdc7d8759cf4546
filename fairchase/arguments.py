"""Numbers typed on the command line, read by argparse as it reads "abc" for an int: a value
no command can use is refused before the command runs, in the one line argparse writes
after the usage ("fairchase send_outbox: error: argument --idle: must be 0 or more, not -1"),
never a traceback (`time.sleep(-1)`), nor a run that quietly does nothing (`agenda --width
-5` printed blank lines, `worker --iterations -1` ran no step). Every numeric option of
every Fairchase command takes its type from here."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable


def _bounded(read: Callable[[str], float], what: str, low: float, high: float | None):
    def parse(text: str):
        try:
            value = read(text)
        except (TypeError, ValueError):
            raise argparse.ArgumentTypeError(f"must be {what}, not {text!r}") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"must be {what}, not {text!r}")
        if value < low or (high is not None and value > high):
            said = f"from {low:g} to {high:g}" if high is not None else f"{low:g} or more"
            raise argparse.ArgumentTypeError(f"must be {said}, not {text}")
        return value

    return parse


def whole(low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` (to `high`)."""
    return _bounded(int, "a whole number", low, high)


def number(low: float, high: float | None = None) -> Callable[[str], float]:
    """An argparse type: a finite number from `low` (to `high`); "nan" and "inf" refused."""
    return _bounded(float, "a number", low, high)


def any_whole(text: str) -> int:
    """An argparse type: any whole number (a seed), refused in the same words as the others."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None
