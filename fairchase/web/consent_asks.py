"""Asks to renew consent on the pages (`actions.ask_owner_to_renew`): the owner's Today block
"Asked of you" (`today_context`, registered in `WebConfig.ready`) and the lead page's part of
"They asked to hear from us again" (`lead_context`): a salesperson's form or their ask's
state, the owner's ask to answer and its Decline."""

from __future__ import annotations

from fairchase.leads import actions
from fairchase.leads.people import display_name

from .forms import AskRenewalForm, DeclineRenewalForm


def today_context(request) -> dict:
    """The asks waiting for the owner, each with its lead and asker: one query for the owner,
    none for anyone else (only the owner answers them)."""
    if not getattr(request, "is_admin", False):
        return {}
    asks = list(actions.open_asks().select_related("lead", "user"))
    for ask in asks:
        ask.by = display_name(ask.user) if ask.user else "someone"
    return {"asks": asks}


def lead_context(request, lead) -> dict:
    """An opted-out lead's ask: for a salesperson, the form to ask (none while one waits) and
    the state of the last ask; for the owner, the ask waiting and the form to decline it."""
    ask, answer = actions.last_ask(lead)
    waiting = ask if ask is not None and answer is None else None
    for row in (ask, answer):
        if row is not None:
            row.by = display_name(row.user) if row.user else "someone"
    declined = answer is not None and answer.reason.startswith(actions.DECLINED)
    if declined:
        answer.note = answer.reason.removeprefix(actions.DECLINED).strip(":. ")
    if request.is_admin:
        return {"ask": waiting, "decline_form": DeclineRenewalForm() if waiting else None}
    return {
        "ask": ask,
        "ask_answer": answer,
        "ask_declined": declined,
        "ask_form": None if waiting else AskRenewalForm(),
    }
