""" "Write it" for a message one of whose values nobody has given yet (eval31 #16: with no
phone in the profile, the raw template showed, every placeholder unfilled, and the page
looked broken): everything there is is filled in, the missing value stays a placeholder, a
note names it and where to add it, and Send still refuses it until it is replaced."""

from __future__ import annotations

from fairchase.leads.models import Profile
from fairchase.outreach.models import MessageTemplate


def test_the_composer_fills_in_all_but_the_missing_phone_and_says_where_to_add_it(
    client, alice, make_lead
):
    Profile.objects.filter(user=alice).update(phone="")
    lead = make_lead(alice, name="Helen Price")
    template = MessageTemplate.objects.filter(body__contains="{{owner_phone}}").first()
    client.force_login(alice)
    page = client.get(f"/o/leads/{lead.pk}/compose/?template={template.pk}").content.decode()
    assert "{{first_name}}" not in page and "{{owner_name}}" not in page
    assert "Helen" in page and "Alice" in page
    assert "{{owner_phone}}" in page  # left for the person to fill, and named in the note:
    assert "Not filled in yet: {{owner_phone}}" in page
    assert 'href="/settings/#id_phone">Add your phone number in Settings' in page
