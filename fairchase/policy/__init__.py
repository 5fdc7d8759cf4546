"""Fairchase's decision core: learn from history whom to chase, how, when, and when to stop.

Pure and deterministic: no Django, no database, no network, no clock (time comes in as `now`).

    model = fit(history)                       # finished leads -> Model
    decisions = plan(model, leads, now)        # open leads -> decisions sorted by priority
"""

from .agenda import NEW_LEAD_BAND
from .decisions import stop_state
from .fit import fit
from .model import Model
from .plan import plan
from .settings import OWNER_LEFT, PolicyError, Settings
from .typical import stop_attempt

__all__ = [
    "fit",
    "plan",
    "Model",
    "Settings",
    "PolicyError",
    "stop_attempt",
    "stop_state",
    "NEW_LEAD_BAND",
    "OWNER_LEFT",
]
