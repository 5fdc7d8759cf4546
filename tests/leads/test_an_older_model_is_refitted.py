"""A model stored by an older version (a field this one learns is missing) is refitted from
the book at once, instead of planning with the cold-start priors until the nightly refit."""

from __future__ import annotations

from fairchase.leads import actions, planning
from fairchase.leads.models import FittedModel


def test_a_model_stored_before_an_upgrade_is_learned_again_at_once(alice, make_lead):
    for i in range(3):
        lead = make_lead(alice)
        actions.log_attempt(lead, "call", "no_answer")
        if i == 0:
            actions.log_attempt(lead, "call", "talked")
            actions.mark_won(lead, 1500)
    stored = planning.refit()
    old = dict(stored.data)
    old.pop("c_tried")  # a field an older version did not learn
    FittedModel.objects.filter(pk=stored.pk).update(data=old)
    planning._model_cache.update(key=None, model=None)
    model = planning.current_model()
    assert model.n_leads == 3  # learned from the book, not the cold start's 0
    assert FittedModel.objects.count() == 2
    assert planning.current_model() is model  # and kept, not refitted again
