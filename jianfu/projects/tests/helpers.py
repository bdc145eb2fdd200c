"""Builders for the project tests: a project walked to any stage through the real actions."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jianfu.projects import actions
from jianfu.projects.models import Project

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def photo(name: str = "现场.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def propose(world: Any, title: str = "东关街加装路灯", cost: str = "30000", **kw: Any) -> Project:
    return actions.do_submit_proposal(
        actor=kw.pop("actor", None),
        community=kw.pop("community", world.dongguan),
        title=title,
        description="东关街北段夜间无照明，老人出行不便。",
        estimated_cost=cost,
        contact=kw.pop("contact", "13800000000"),
    )


def envelope(world: Any, amount: str = "100000") -> Any:
    return actions.do_set_envelope(
        world.chengguan, actor=world.township_officer, year=timezone.localdate().year, amount=amount
    )


def to_stage(world: Any, stage: str, **kw: Any) -> Project:
    """A 东关社区 project moved to ``stage`` (deliberating, approved, implementing, accepting, archived)."""
    p = propose(world, **kw)
    order = ["deliberating", "approved", "implementing", "accepting", "archived"]
    steps = order[: order.index(stage) + 1]
    cw, town = world.community_worker, world.township_officer
    if "deliberating" in steps:
        p = actions.do_deliberate_project(p, actor=cw, meeting_record="3月5日居民议事会，28户参加，同意列入评议。")
    if "approved" in steps:
        if not Project.objects.exists() or not envelope_exists(world):
            envelope(world)
        p = actions.do_approve_project(p, actor=town, budget="28000", funding_source="镇民生微实事专项资金")
    if "implementing" in steps:
        p = actions.do_start_project(p, actor=cw, supplier="汉阴县光明电力工程有限公司")
    if "accepting" in steps:
        actions.do_add_milestone(
            p, actor=cw, title="灯杆安装完成", happened_on=timezone.localdate().isoformat(), files=[photo()]
        )
        p = actions.do_move_project(p, actor=cw, action="complete")
    if "archived" in steps:
        r = actions.do_open_round(actor=cw, kind="accept", title="路灯验收", projects=[p])
        (code,) = actions.do_issue_codes(r, actor=cw, count=1)
        actions.do_cast_vote(r, code=code, accept=True, satisfaction=5)
        actions.do_close_round(r, actor=cw)
        p = actions.do_move_project(p, actor=town, action="archive")
    return p


def envelope_exists(world: Any) -> bool:
    from jianfu.projects.models import Envelope

    return Envelope.objects.filter(township=world.chengguan, year=timezone.localdate().year).exists()
