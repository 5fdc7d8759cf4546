"""A salesperson's Settings start with what they can change: their own profile."""


def test_a_salesperson_sees_their_profile_before_the_read_only_business_block(client, alice):
    client.force_login(alice)
    html = client.get("/settings/").content.decode()
    assert html.index('id="profile-settings"') < html.index('id="business-settings"')


def test_an_owner_sees_the_business_block_first(client, boss):
    client.force_login(boss)
    html = client.get("/settings/").content.decode()
    assert html.index('id="business-settings"') < html.index('id="profile-settings"')
