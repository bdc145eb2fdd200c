"""Published lists for 汉阴县 and a ready scheme for 城关镇, built through the real actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from jianfu.assess import actions
from jianfu.assess.choices import IndicatorKind
from jianfu.assess.models import Scheme

ITEMS = (
    {"code": "LZ-01", "title": "调解民间纠纷", "category": "duty", "basis": "《城市居民委员会组织法》第三条"},
    {"code": "LZ-02", "title": "组织居民会议", "category": "duty", "basis": "《城市居民委员会组织法》"},
    {
        "code": "PZ-01",
        "title": "社区居民委员会牌子",
        "category": "mechanism",
        "basis": "《社区减负增效工作方案》",
        "plaque_kind": "allowed",
    },
    {"code": "PB-01", "title": "文明社区创建", "category": "evaluation", "basis": "县委文件"},
)


def publish_lists(world: Any) -> Any:
    from jianfu.catalog.actions import do_add_item, do_open_draft, do_publish_version
    from jianfu.catalog.models import ListVersion

    do_open_draft(world.county, actor=world.county_mzj)
    for data in ITEMS:
        do_add_item(world.county, actor=world.county_mzj, data=dict(data))
    draft = ListVersion.objects.get(org=world.county, status="draft")
    return do_publish_version(draft, actor=world.county_mzj, effective_date=dt.date(2025, 3, 1), note="测试")


def ready_scheme(world: Any, year: int = 2026) -> Scheme:
    """城关镇's scheme: two list items (20% + 20%) and resident satisfaction (60%)."""
    publish_lists(world)
    town = world.township_officer
    scheme = actions.do_create_scheme(actor=town, year=year)
    actions.do_add_indicator(scheme, actor=town, kind=IndicatorKind.ITEM, item_code="LZ-01", weight=20)
    actions.do_add_indicator(scheme, actor=town, kind=IndicatorKind.ITEM, item_code="LZ-02", weight=20)
    actions.do_add_indicator(scheme, actor=town, kind=IndicatorKind.SATISFACTION, key="home_visits", weight=30)
    actions.do_add_indicator(scheme, actor=town, kind=IndicatorKind.WORKER, key="satisfied", weight=30)
    return scheme
