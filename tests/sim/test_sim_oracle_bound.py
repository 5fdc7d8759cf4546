"""The oracle is an upper bound: in small worlds no other policy earns more."""

import pytest

from fairchase.sim.runner import run_world
from fairchase.sim.worlds import TUNING_SEEDS, get_world


def _expected_profits(seed, runs):
    totals: dict[str, float] = {}
    for run in range(runs):
        res, _ = run_world(get_world(seed, quick=True), seed=run)
        for m in res:
            totals[m.policy] = totals.get(m.policy, 0.0) + m.expected_profit
    return totals


@pytest.mark.slow
@pytest.mark.parametrize("seed", TUNING_SEEDS[:8])
def test_the_oracle_earns_at_least_as_much_as_every_other_policy(seed):
    totals = _expected_profits(seed, runs=2)
    oracle = totals.pop("oracle")
    beaten = {p: v for p, v in totals.items() if v > oracle}
    assert not beaten, (oracle, beaten)


def test_the_oracle_beats_every_folk_rule_and_the_learner_in_one_small_world():
    totals = _expected_profits(TUNING_SEEDS[0], runs=1)
    oracle = totals.pop("oracle")
    assert all(oracle >= v for p, v in totals.items() if p != "fairchase"), (oracle, totals)
