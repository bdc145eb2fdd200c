"""The demo drafts of 汉阴县: every state of the review, pushed-down clauses found, loaded once."""

from __future__ import annotations

import pytest

from jianfu.catalog import demo as catalog_demo
from jianfu.drafts import demo
from jianfu.drafts.models import Draft
from jianfu.orgs import demo as orgs_demo


def load_all() -> None:
    """The demo apps the drafts stand on (orgs, lists), then the drafts."""
    orgs_demo.load()
    catalog_demo.load()
    demo.load()


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
