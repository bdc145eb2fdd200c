"""The demo loads 汉阴县's projects at every stage, and loads once."""

from __future__ import annotations

from typing import Any

from jianfu.projects import demo
from jianfu.projects.models import Project, VoteRound


def test_the_demo_shows_every_stage_and_is_idempotent(db: Any) -> None:
    from jianfu.orgs import demo as orgs_demo

    orgs_demo.load()
    demo.load()
    demo.load()
    states = set(Project.objects.values_list("state", flat=True))
    assert {"proposed", "deliberating", "approved", "implementing", "archived", "rejected"} <= states
    assert Project.objects.count() == 9
    assert VoteRound.objects.filter(state="open", ballots__gt=0).exists()
    assert not Project.objects.within("610922").exists()
