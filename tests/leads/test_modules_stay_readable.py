"""House rule: no module of the leads app grows past 500 lines; the actions are a package
split by what they do (core, opt-outs, enquiries, attempts, commitments, status), still
used as one module (`from fairchase.leads import actions`)."""

from pathlib import Path

import fairchase
from fairchase.leads import actions

LEADS = Path(fairchase.__file__).parent / "leads"
LIMIT = 500


def test_no_leads_module_is_longer_than_500_lines():
    files = [f for f in sorted(LEADS.rglob("*.py")) if "migrations" not in f.parts]
    assert len(files) > 10
    long = {
        str(f.relative_to(LEADS)): n
        for f in files
        if (n := len(f.read_text().splitlines())) > LIMIT
    }
    assert long == {}


def test_every_action_is_still_reached_through_the_actions_module():
    for name in actions.__all__:
        assert callable(getattr(actions, name)) or name.isupper() or name == "lead_event", name
    # the opt-out spreading and the primitives it shares are one set of functions
    assert actions.opt_out.__module__ == "fairchase.leads.actions.optout"
    assert actions.create_lead.__module__ == "fairchase.leads.actions.enquiries"
    assert actions.undo_outcome.__module__ == "fairchase.leads.actions.undo"
    # the primitives (`core._lock`, ...) are the package's own, not part of its interface
    assert not [name for name in actions.__all__ if name.startswith("_")]
