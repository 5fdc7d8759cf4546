"""A new enquiry's worth fades while it waits: Today answers the fresh ones first."""

from fairchase.policy.agenda import worth_now

HOUR = 3600.0


def test_an_enquiry_in_its_first_hour_keeps_the_plans_value():
    assert worth_now(12.0, 0.0) == 12.0
    assert worth_now(12.0, 0.9 * HOUR) == 12.0


def test_an_enquiry_is_worth_less_the_longer_it_has_waited():
    hours = [2, 30, 100, 1000]
    worth = [worth_now(12.0, h * HOUR) for h in hours]
    assert 12.0 > worth[0] > worth[1] > worth[2]
    assert worth[3] == worth[2]  # past three days the first-delay effect is flat


def test_a_lead_that_is_no_new_enquiry_or_not_worth_a_try_is_left_as_planned():
    assert worth_now(12.0, None) == 12.0
    assert worth_now(-3.0, 100 * HOUR) == -3.0
    assert worth_now(0.0, 100 * HOUR) == 0.0
