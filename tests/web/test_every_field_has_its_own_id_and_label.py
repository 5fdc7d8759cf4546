"""Every field of the main screens (Today, a lead, Settings, Capture & import with a file's
preview, Insights, compose) has an id of its own and a label that names it: on the lead page
the Log an attempt form and the Next step form both have a channel, Stop chasing and Lost
both a reason; with one id for each pair, the second field had no label (its label focused
the first) and a screen reader read it without a name. Today after two "Talked" clicks
holds two "pin the next step" forms: their ids differ too."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fairchase.intake.models import ImportJob

UNNAMED_TYPES = {"hidden", "submit", "button", "reset", "image"}


class _Fields(HTMLParser):
    """Every id of a page, and each field with what labels it (a label around it, a
    `label for` its id, aria-label or aria-labelledby)."""

    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.label_for: set[str] = set()
        self.fields: list[dict] = []
        self.open_labels = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"])
        if tag == "label":
            self.open_labels += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        elif tag in ("input", "select", "textarea") and a.get("type") not in UNNAMED_TYPES:
            named = bool(self.open_labels or a.get("aria-label") or a.get("aria-labelledby"))
            self.fields.append({"tag": tag, "name": a.get("name"), "id": a.get("id"), "in": named})

    def handle_endtag(self, tag):
        if tag == "label" and self.open_labels:
            self.open_labels -= 1


def _problems(html: str) -> dict:
    page = _Fields()
    page.feed(html)
    twice = sorted(i for i, n in Counter(page.ids).items() if n > 1)
    unlabelled = [
        f"{f['tag']} name={f['name']} id={f['id']}"
        for f in page.fields
        if not f["in"] and f["id"] not in page.label_for
    ]
    return {"ids used twice": twice, "fields without a label": unlabelled}


@pytest.fixture
def history_for_insights(boss):
    """Finished leads, so Insights shows its tables, charts and forms."""
    from django.core.cache import cache

    from fairchase.insights.synthetic import write_history

    cache.clear()
    write_history(60, [boss], seed=5, active_share=0.05)
    yield
    cache.clear()


def _get(client, url: str, **headers) -> str:
    r = client.get(url, **headers)
    assert r.status_code == 200, url
    return r.content.decode()


def test_no_main_screen_has_an_id_twice_or_a_field_without_its_label(
    client, boss, make_lead, history_for_insights
):
    leads = [make_lead(boss, name=f"Talker {n}") for n in (1, 2)]
    lead = make_lead(boss, name="Pat Page", value=3000)
    client.force_login(boss)
    client.post(
        "/in/import/",
        {"file": SimpleUploadedFile("leads.csv", b"Name,Email\nAnn Good,ann@example.com\n")},
    )
    job = ImportJob.objects.get()
    pages = {
        url: _get(client, url)
        for url in (
            "/",
            f"/leads/{lead.pk}/",
            "/settings/",
            "/in/",
            f"/in/import/{job.pk}/",
            "/insights/",
            f"/o/leads/{lead.pk}/compose/",
        )
    }
    pages["/insights/'s what-if"] = _get(client, "/insights/whatif/")
    # Today after "Talked" on two cards: each card's pin form, in the page beside the other
    # (the counts that come with each card replace the page's own: left out)
    talked = [
        client.post(
            f"/leads/{t.pk}/outcome/",
            {"outcome": "talked", "row": "followup"},
            HTTP_HX_REQUEST="true",
        )
        .content.decode()
        .split('<p class="budget muted" id="minutes" hx-swap-oob')[0]
        for t in leads
    ]
    pages["Today after two talks"] = _get(client, "/").replace("</main>", "".join(talked))
    assert all('name="what"' in t for t in talked), talked[0][:3000]
    found = {url: p for url, html in pages.items() if any((p := _problems(html)).values())}
    assert found == {}
