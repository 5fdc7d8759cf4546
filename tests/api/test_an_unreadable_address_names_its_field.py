"""An email, phone or zone that cannot be read is a 422 in the schema's own shape, its
`loc` naming the field, as every other body 422 (eval30 #13)."""

import pytest


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("email", "not-an-email", "@-sign"),
        ("phone", "abc", "phone"),
        ("timezone", "Mars/Olympus", "time zone"),
    ],
)
def test_a_bad_address_is_said_where(api, field, value, said):
    r = api("POST", "/leads", {"name": "Bad Field", field: value})
    assert r.status_code == 422, r.content
    (problem,) = r.json()["errors"]
    assert problem["loc"] == ["body", "payload", field] and said in problem["message"]


def test_a_refused_patch_names_the_field_and_saves_nothing(api):
    lead = api("POST", "/leads", {"name": "Iris", "company": "Old"}).json()
    r = api("PATCH", f"/leads/{lead['id']}", {"company": "NewCo", "email": "bad@@x"})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"][-1] == "email"
    assert api("GET", f"/leads/{lead['id']}", None).json()["company"] == "Old"
