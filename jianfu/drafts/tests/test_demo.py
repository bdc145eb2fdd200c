"""The demo drafts of 汉阴县: every state of the review, pushed-down clauses found, loaded once."""

from __future__ import annotations

import pytest

from jianfu.core.demo import load_all
from jianfu.drafts.models import Draft


@pytest.mark.django_db
def test_the_demo_loads_drafts_in_every_state_once_with_the_village_clauses_flagged() -> None:
    load_all()
    load_all()
    states = dict(Draft.objects.values_list("state", "title"))
    assert set(states) == {"submitted", "returned", "issued", "conditional", "unreviewed"}
    health = Draft.objects.get(state="submitted")
    assert health.flagged_count >= 3 and health.region_code.startswith("610921")
    assert Draft.objects.get(state="unreviewed").case_id is not None
    assert Draft.objects.get(state="issued").flagged_count == 0
