"""A father and son on one number are two people whatever order they come in (an
evaluator's finding): "Ray Cole Jr" and "Ray Cole Sr" joined an earlier "Ray Cole" (the
API answered 200 joined to it; an import made one lead of three rows), while with the
suffixed rows first an import made three. For joining, a suffix and none, or two
different suffixes, are two people; for an opt-out a plain name still fits any suffix."""

from __future__ import annotations

import io
from itertools import permutations

import pytest

from fairchase.api.models import ApiToken
from fairchase.intake.importer import import_file
from fairchase.leads import actions
from fairchase.leads.models import Lead, Status

PHONE = "+17735550303"
RAYS = ("Ray Cole", "Ray Cole Jr", "Ray Cole Sr")


@pytest.mark.parametrize("order", list(permutations(RAYS)))
def test_an_import_makes_three_leads_in_any_order(alice, order):
    rows = "name,phone\n" + "".join(f"{name},773-555-0303\n" for name in order)
    report = import_file(io.BytesIO(rows.encode()), alice, filename="rays.csv")
    assert report.created == 3, report
    assert sorted(Lead.objects.values_list("name", flat=True)) == sorted(RAYS)


def test_the_api_joins_no_suffixed_name_to_a_plain_one(client, alice):
    _row, secret = ApiToken.issue(alice, "tests")
    headers = {"Authorization": f"Bearer {secret}"}
    answers = [
        client.post(
            "/api/leads",
            {"name": name, "phone": "773-555-0303"},
            content_type="application/json",
            headers=headers,
        )
        for name in RAYS
    ]
    assert [a.status_code for a in answers] == [201, 201, 201], [a.json() for a in answers]
    # the same son again joins his own lead
    again = client.post(
        "/api/leads",
        {"name": "Ray Cole Jr.", "phone": PHONE},
        content_type="application/json",
        headers=headers,
    )
    assert again.status_code == 200 and again.json()["id"] == answers[1].json()["id"]


def test_an_opt_out_of_a_plain_name_still_blocks_either(alice, make_lead):
    ray = make_lead(alice, name="Ray Cole", phone=PHONE)
    actions.opt_out(ray)
    assert actions.create_lead(alice, name="Ray Cole Jr", phone=PHONE).status == Status.OPTED_OUT
