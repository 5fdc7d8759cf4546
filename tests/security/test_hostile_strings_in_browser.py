"""A hostile string in every text field a person or a stranger can fill runs no script
on any page: checked in Debian's Chromium, with the Content-Security-Policy header on.

The strings close attributes and tags (`">`, `'>`), open scripts and event handlers,
look like template tags (`{{ }}`) and `javascript:` links. A page fails when a dialog
opens, a hostile marker runs (`window.__pwned`), an injected element with an event
handler exists in the DOM, or the browser reports any CSP violation (an inline script
that was blocked is an escaping bug too, and our own pages must need no inline script).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Lead
from tests.conftest import log_in
from tests.web.urlwalk import all_routes, fill

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOSTILE = (
    '"><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
    "'><svg onload=window.__pwned=3>{{7*7}} javascript:alert(1)"
)
SHORT = '"><script>window.__pwned=1</script>{{7*7}}'  # fits 64-character fields (source)

WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
"""


def _seed(alice, bob, boss):
    """Hostile text in lead name, company, notes, source, attempt and commitment notes,
    a template's name, subject and body, a capture form's name, an API token's name,
    a person's name, an outbox message, a lead's emailed reply (sender, subject, text),
    and an uploaded spreadsheet's file name and column headers; finished leads so
    Insights draws the source."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from fairchase.api.models import ApiToken
    from fairchase.intake.models import CaptureForm, ImportJob
    from fairchase.outreach.models import InboundMessage, MessageTemplate
    from fairchase.outreach.outbox import queue

    bob.first_name = HOSTILE[:150]
    bob.save(update_fields=["first_name"])
    now = timezone.now()
    lead = actions.create_lead(
        alice,
        name=HOSTILE,
        company=HOSTILE[:200],
        notes=HOSTILE,
        source=SHORT,
        email="hostile@example.com",
        phone="+12125550199",
        value=1500,
        created_at=now - timedelta(minutes=20),
    )
    actions.log_attempt(
        lead, "call", "talked", user=alice, notes=HOSTILE, at=now - timedelta(minutes=10)
    )
    commitment = actions.add_commitment(
        lead, by="us", what=HOSTILE[:200], due_at=now + timedelta(hours=2)
    )
    for i in range(6):
        done = actions.create_lead(
            alice,
            name=f"{SHORT} {i}",
            source=SHORT,
            email=f"done{i}@example.com",
            phone=f"+1212555{i:04d}",
            value=900,
            created_at=now - timedelta(days=40 + i),
        )
        actions.log_attempt(done, "call", "no_answer", user=alice, at=now - timedelta(days=39 + i))
        if i % 2:
            actions.mark_won(done, 900, user=alice)
        else:
            actions.mark_lost(done, HOSTILE[:200], user=alice)
    template = MessageTemplate.objects.create(
        name=HOSTILE[:100], subject=HOSTILE[:200], body=HOSTILE
    )
    queue(lead, "email", HOSTILE[:200], HOSTILE)
    form = CaptureForm.objects.create(name=HOSTILE[:100], owner=alice, source=SHORT)
    ApiToken.issue(boss, HOSTILE[:100])
    InboundMessage.objects.create(
        key="hostile-reply",
        lead=lead,
        sender=f"{SHORT}@example.com",
        subject=HOSTILE[:255],
        text=HOSTILE,
        evidence=HOSTILE[:255],
        effect=HOSTILE[:255],
    )
    uploader = Client()
    uploader.force_login(boss)
    header = ",".join(f'"{HOSTILE.replace(chr(34), chr(34) * 2)}"' for _ in range(2)) + ",Email\n"
    uploader.post(
        "/in/import/",
        {"file": SimpleUploadedFile(f"{SHORT}.csv", (header + "a,b,c@example.com\n").encode())},
    )
    job = ImportJob.objects.get()
    return {
        "lead": str(lead.pk),
        "commitment": str(commitment.pk),
        "attempt": str(lead.attempts.first().pk),
        "template": template.pk,
        "form": form,
        "job": job.pk,
    }


def _pages(values) -> list[str]:
    """Every GET-able page of the project except Django admin's generic views, with the
    hostile lead's ids filled in, plus the pages keyed by something else."""
    from fairchase.outreach.tokens import make_token

    lead = Lead.objects.get(pk=values["lead"])
    urls = [fill(r, values) for r in all_routes() if not r.is_admin_site]
    urls = [u for u in urls if "/x" not in u]  # a made-up key or token: covered below
    urls += [
        f"/o/templates/{values['template']}/",
        f"/o/templates/{values['template']}/preview/?lead={lead.pk}",
        f"/in/f/{values['form'].key}/",
        f"/o/unsubscribe/{make_token(lead, 'email')}",
        "/admin/",
        "/admin/leads/lead/",
        f"/admin/leads/lead/{lead.pk}/change/",
        f"/leads/?q={SHORT}",
        f"/leads/?source={SHORT}",
        "/insights/whatif/",
        f"/in/import/{values['job']}/",
    ]
    return sorted(set(urls))


def _evaluate(page, script: str):
    """Evaluate on the loaded page; once more if a late navigation replaced it meanwhile."""
    from playwright.sync_api import Error

    try:
        return page.evaluate(script)
    except Error as exc:
        if "context was destroyed" not in str(exc):
            raise
        page.wait_for_load_state("load")
        return page.evaluate(script)


def test_a_hostile_string_in_every_text_field_runs_no_script_on_any_page(
    browser, live_server, alice, bob, boss, settings
):
    values = _seed(alice, bob, boss)
    ctx = browser.new_context(base_url=live_server.url)
    client = log_in(ctx, boss, live_server.url)
    ctx.add_init_script(WATCH)
    page = ctx.new_page()
    page.set_default_timeout(15_000)
    dialogs, errors, visited = [], [], []
    page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
    page.on(
        "console",
        lambda m: (
            errors.append(f"{page.url}: {m.text}")
            if "Content Security Policy" in m.text or "Content-Security-Policy" in m.text
            else None
        ),
    )
    try:
        for url in _pages(values):
            head = client.get(url)
            if head.status_code in (401, 405) or "attachment" in head.get(
                "Content-Disposition", ""
            ):
                continue  # a POST-only action, a token-only API call, or a file download
            response = page.goto(url, wait_until="load")
            assert response is not None and response.status < 500, (
                f"{url}: {response and response.status}"
            )
            page.wait_for_timeout(50)  # htmx loads fragments after load
            # ... and they finish before the next page: the test's own Client and the live
            # server share one SQLite connection, and two requests at once on it fail (a
            # 500 "cannot start a transaction within a transaction" on the next page)
            page.wait_for_function("() => !document.querySelector('.htmx-request')")
            if "text/html" in (response.headers.get("content-type") or ""):
                csp = response.headers.get("content-security-policy", "")
                assert (
                    "script-src 'self'" in csp
                    and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
                ), url
                visited.append(url)
            state = _evaluate(
                page,
                """() => ({
                pwned: window.__pwned || null,
                violations: window.__violations || [],
                handlers: document.querySelectorAll('[onerror], [onload], [onclick], img[src="x"]').length,
                hostileLinks: [...document.querySelectorAll('a[href]')].filter(a => a.href.startsWith('javascript:')).length,
            })""",
            )
            assert state["pwned"] is None, f"{url}: hostile script ran ({state['pwned']})"
            assert state["violations"] == [], f"{url}: CSP violations {state['violations']}"
            assert state["handlers"] == 0, f"{url}: injected element with an event handler"
            assert state["hostileLinks"] == 0, f"{url}: javascript: link"
    finally:
        ctx.close()
    assert dialogs == [] and errors == [], dialogs + errors
    # The hostile text is shown as text (so the pages above really carried it).
    assert len(visited) > 25, visited
    for url in (
        "/",
        f"/leads/{values['lead']}/",
        "/insights/",
        f"/o/templates/{values['template']}/",
        "/in/",
        f"/in/import/{values['job']}/",
        "/o/outbox/",
        "/api/tokens/",
    ):
        assert "<script>window.__pwned=1</script>" in client.get(url).content.decode().replace(
            "&lt;", "<"
        ).replace("&gt;", ">").replace("&quot;", '"').replace("&#x27;", "'"), url
