"""The timeline of a record sharing a family's phone number writes the number as the lead
page does ("(312) 555-0133", "+44 20 7946 0958" abroad), not as stored ("+13125550133"):
the rows an opt-out writes on the person's other records and on those of a relative on
that number said it as stored, beside a Phone field that says it as people write it."""

from __future__ import annotations

import re

from fairchase.leads import actions

PHONE, LONDON = "+13125550133", "+442079460958"


def _timeline(client, lead) -> str:
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    return re.search(r'<section class="card" id="timeline">(.*?)</section>', page, re.S).group(1)


def test_a_relatives_timeline_and_a_later_record_write_the_number_as_the_page(
    client, alice, make_lead
):
    ann_lee = make_lead(alice, name="Ann Lee", email="ann@lee.example", phone=PHONE)
    bob = make_lead(alice, name="Bob Stone", email="bob@stone.example", phone=PHONE)
    actions.opt_out(make_lead(alice, name="Eve Hart", email="eve@hart.example"))
    actions.opt_out(ann_lee)
    eve = actions.create_lead(alice, name="Eve Hart", email="eve@hart.example", phone=LONDON)
    client.force_login(alice)
    assert "shares the phone (312) 555-0133: the number is suppressed" in _timeline(client, bob)
    assert "(+44 20 7946 0958 suppressed too)" in _timeline(client, eve)
    assert "+44 20 7946 0958" in client.get(f"/leads/{eve.pk}/").content.decode()  # Phone
    assert PHONE not in _timeline(client, bob) and LONDON not in _timeline(client, eve)
