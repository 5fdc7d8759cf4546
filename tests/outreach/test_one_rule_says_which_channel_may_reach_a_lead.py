"""Whether a try of ours may reach a lead on a channel is one rule (`reach.channel_refusal`),
and every place that asks agrees with it: the plan's channels, a message's refusal, a
promise's "not ours to use", the lead page's "Nothing can be written", Today's buttons. A
lead held by a request to stop is refused on every channel by all of them alike."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from fairchase.leads import actions, planning, reach
from fairchase.outreach.held import HELD
from fairchase.outreach.refusals import nothing_to_write, refusal

from .holding import held_by_an_unvouched_stop

pytestmark = pytest.mark.usefixtures("open_all_day")

LINKS = Template("{% load fairchase_web %}{% contact_links lead %}")


@pytest.fixture(params=[False, True], ids=["texts off", "texts set up"])
def texts(request, settings):
    if request.param:
        settings.SMS_API_URL, settings.SMS_ACCOUNT_SID = "http://127.0.0.1:9/2010-04-01", "AC1"
        settings.SMS_AUTH_TOKEN, settings.SMS_FROM = "token", "+15005550006"
    return request.param


def _leads(make_lead, owner):
    made = [
        make_lead(owner, name="Ann Both", email="ann@example.com", phone="+12125550101"),
        make_lead(owner, name="Bea Texts", email="bea@example.com", phone="+12125550102"),
        make_lead(owner, name="Cy Mail", email="cy@example.com", phone=""),
        make_lead(owner, name="Di Bounced", email="di@example.com", phone="+12125550104"),
        make_lead(owner, name="Ed Barred", email="ed@example.com", phone="+12125550105"),
    ]
    for lead in made[1:2] + made[4:]:
        lead.consents = ["sms"]
        lead.save(update_fields=["consents"])
    actions.suppress("di@example.com", "email", "bounce")
    actions.suppress("+12125550105", "phone", "opt-out")
    return made


def _agree(lead) -> None:
    """Every place says of each channel what `channel_refusal` says."""
    usable = reach.usable_channels(lead)
    assert usable == [c for c in reach.CHANNELS if not reach.channel_refusal(lead, c)]
    if not reach.is_held(lead):
        assert planning.reachable_channels(lead) == usable
    for channel in reach.CHANNELS:
        said = reach.channel_refusal(lead, channel)
        if reach.address_of(lead, channel):  # a message needs an address: `queue` says so
            assert bool(refusal(lead, channel)) == bool(said), (lead.name, channel)
        if not reach.is_held(lead):
            assert bool(actions.not_ours_to_use(lead, channel)) == bool(said), (lead.name, channel)
    writable = "email" in usable or "text" in usable
    assert (nothing_to_write(lead, usable) == "") == writable or reach.is_held(lead)
    links = LINKS.render(Context({"lead": lead, "request": RequestFactory().get("/")}))
    assert ("tel:" in links) == ("call" in usable), (lead.name, links)
    assert ("mailto:" in links) == ("email" in usable), (lead.name, links)


def test_every_place_agrees_on_which_channel_may_reach_a_lead(alice, make_lead, texts):
    leads = _leads(make_lead, alice)
    for lead in leads:
        _agree(lead)
    ann, bea, cy, di, ed = (reach.usable_channels(lead) for lead in leads)
    assert (ann, cy, di, ed) == (["call", "email"], ["email"], ["call"], ["email"])
    assert bea == (["call", "text", "email"] if texts else ["call", "email"])


@pytest.mark.servers
def test_a_held_lead_may_be_reached_on_no_channel(alice, make_lead, imap_server, texts):
    lead = _leads(make_lead, alice)[1]  # every channel open, texts too when they are set up
    held_by_an_unvouched_stop(imap_server, lead)
    assert reach.ON_HOLD.lower().startswith(HELD)  # the plan's words for the hold, said alike
    assert reach.usable_channels(lead) == []
    for channel in reach.CHANNELS:
        assert reach.channel_refusal(lead, channel) == reach.HELD
        assert refusal(lead, channel) == reach.ON_HOLD
    _agree(lead)
