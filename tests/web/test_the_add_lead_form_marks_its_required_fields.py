"""The Add lead form marks each field that must be filled in (eval: nothing told Name and
Source from the optional fields until the form came back with errors): Django's
`required_css_class` puts a class on each required field's label, app.css draws the mark,
the form says in one line what the mark means, and each required control carries
`required` for a screen reader."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

LEGEND = 'Fields marked <span class="required-mark">*</span> must be filled in.'


def _label_classes(html: str) -> dict[str, str]:
    """Each field's label: its class ("" without one), by the field's name."""
    labels = re.findall(r'<label for="id_(\w+)"(?: class="([^"]*)")?>', html)
    return dict(labels)


@pytest.mark.parametrize("who", ["alice", "boss"])
def test_each_required_field_is_marked_and_the_form_says_what_the_mark_means(client, request, who):
    client.force_login(request.getfixturevalue(who))
    html = client.get("/leads/new/").content.decode()
    assert LEGEND in html
    labels = _label_classes(html)
    marked = {name for name, classes in labels.items() if "required" in classes.split()}
    assert marked == ({"name", "source", "owner"} if who == "boss" else {"name", "source"})
    assert {"company", "email", "phone", "value", "notes"} <= labels.keys()
    for name in marked:
        control = re.search(rf'<(?:input|select)[^>]*name="{name}"[^>]*>', html)[0]
        assert " required" in control, control


def test_the_mark_is_drawn_on_a_required_label():
    with open(finders.find("web/app.css")) as css:
        rule = re.search(r"label\.required::after \{([^}]*)\}", css.read())
    assert rule and 'content: " *"' in rule[1]
