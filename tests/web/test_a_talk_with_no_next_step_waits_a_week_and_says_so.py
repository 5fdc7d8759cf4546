"""A "Talked" with no next step pinned is followed up a week after the talk (the decision
core's wait for an engaged lead we spoke with): the pin form under the buttons and the
lead's Next step card say so, so nobody wonders why the lead left Today (newcomer #5)."""

from __future__ import annotations

from datetime import timedelta

from fairchase.leads.models import Lead

WEEK = "after a talk the plan follows up a week later"


def test_a_talk_without_a_next_step_is_followed_up_a_week_later_as_the_page_says(
    client, alice, make_lead
):
    lead = make_lead(alice, name="Bob Ito")
    client.force_login(alice)
    r = client.post(
        f"/leads/{lead.pk}/outcome/", {"outcome": "talked", "channel": "call", "next": "lead"}
    )
    html = client.get(r.url).content.decode()
    assert WEEK in html  # under the buttons, where the next step is asked for
    assert "without one, a talk is followed up a week later" in html  # the Next step card
    lead = Lead.objects.get(pk=lead.pk)
    talked = lead.attempts.get().at
    # a week on, moved at most into the next contact hours (a Sunday, the night)
    assert talked + timedelta(days=7) <= lead.next_due < talked + timedelta(days=9)
