"""Adding a lead: the confirmation says what the plan says. "Respond now, it is at the top of
Today" only for a lead the plan says to contact now; a lead the plan lets go (worth too little,
its address bounced) is said to be in Ready to let go, with the plan's reason; a lead of
someone who opted out is said to be opted out. A new salesperson's empty Today says how
leads reach them, not how to load the demo."""

from __future__ import annotations

from django.contrib.messages import get_messages

from fairchase.leads import actions
from fairchase.leads.models import Lead, Status
from tests.conftest import open_all_day_now

ADD = {
    "name": "Nat Fox",
    "email": "nat@example.com",
    "phone": "(212) 555-0142",
    "source": "web_form",
    "value": "2500",
}


def _added(client, **fields) -> tuple[Lead, str]:
    response = client.post("/leads/new/", {**ADD, **fields})
    lead = Lead.objects.get(name=fields.get("name", ADD["name"]))
    assert response.status_code == 302
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    return lead, message


def test_a_lead_the_plan_says_to_contact_now_is_respond_now_at_the_top_of_today(client, alice):
    open_all_day_now()
    client.force_login(alice)
    lead, message = _added(client)
    assert lead.next_action == "contact"
    assert message == "Added Nat Fox: respond now, it is at the top of Today."


def test_a_lead_worth_too_little_to_chase_is_said_to_be_in_ready_to_let_go(client, alice):
    open_all_day_now()
    client.force_login(alice)
    # from a cold list: an enquiry that came to us is owed a first answer whatever its value
    lead, message = _added(client, value="1", source="purchased_list")
    assert lead.next_action == "stop"
    assert "respond now" not in message and "top of Today" not in message
    assert message.startswith("Added Nat Fox: in Ready to let go on Today: Stop")
    # and Today agrees: the lead is among those to let go, not the new enquiries
    html = client.get("/today/let-go/rows/").content.decode()
    assert f'id="row-{lead.pk}"' in html
    assert f'id="row-{lead.pk}"' not in client.get("/").content.decode().split("section-let-go")[0]


def test_a_lead_whose_address_bounced_is_not_respond_now(client, alice):
    actions.suppress("nat@example.com", "email", "bounce")
    client.force_login(alice)
    lead, message = _added(client, phone="")
    assert lead.next_action == "stop"
    assert message.startswith("Added Nat Fox: in Ready to let go on Today: ")
    assert "respond now" not in message


def test_a_lead_of_someone_who_opted_out_is_said_to_be_opted_out_not_respond_now(client, alice):
    actions.suppress("nat@example.com", "email", "opt-out")
    actions.suppress("+12125550142", "phone", "opt-out")
    client.force_login(alice)
    lead, message = _added(client)
    assert lead.status == Status.OPTED_OUT and lead.next_action != "contact"
    assert message.startswith("Added Nat Fox: this person opted out before")
    assert "respond now" not in message


def test_an_owner_adding_a_lead_for_a_salesperson_names_whose_today_it_is_on(client, boss, bob):
    open_all_day_now()
    client.force_login(boss)
    _lead, message = _added(client, owner=bob.pk)
    assert message == "Added Nat Fox: respond now, it is at the top of Bob's Today."


def test_a_new_salespersons_empty_today_says_how_leads_reach_them_not_to_run_the_demo(
    client, alice, boss
):
    client.force_login(alice)
    html = client.get("/").content.decode()
    assert "Nothing to chase yet" in html and "Add a lead" in html
    assert "make run" not in html and "fresh copy" not in html
    assert "Leads an owner assigns to you" in html
    assert "make run" not in client.get("/leads/").content.decode()
    client.force_login(type(boss).objects.get(pk=boss.pk))  # the owner may try the demo
    assert "make run" in client.get("/").content.decode()


def test_an_owners_empty_today_says_the_demo_needs_an_empty_database_not_a_fresh_copy(client, boss):
    """newcomer72 #8: the empty Today said to run `make run` "in a fresh copy of Fairchase",
    while README says the checkout's own database (or any DATA_DIR without one) takes it."""
    client.force_login(boss)
    for page in ("/", "/leads/"):
        html = " ".join(client.get(page).content.decode().split())
        assert "fresh copy" not in html, page
        assert "<code>make run DATA_DIR=$HOME/fairchase-demo</code>" in html, page
        assert "only into an empty database" in html, page
