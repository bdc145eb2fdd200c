"""Demo data of 汉阴县: 城关镇's last-year assessment published with every community scored,
this year's scheme being scored, and two-way ratings from the demo communities."""

from __future__ import annotations

import random

from django.db import transaction
from django.utils import timezone

from jianfu.catalog.choices import Category
from jianfu.catalog.selectors import current_items
from jianfu.orgs import tree
from jianfu.orgs.choices import Role
from jianfu.orgs.models import User

from . import actions
from .choices import IndicatorKind
from .models import Scheme

COUNTY = "610921"
RESIDENT = [
    (IndicatorKind.SATISFACTION, "home_visits", 10),
    (IndicatorKind.SATISFACTION, "consultation", 8),
    (IndicatorKind.SATISFACTION, "services", 8),
    (IndicatorKind.SATISFACTION, "social_orgs", 5),
    (IndicatorKind.SATISFACTION, "public_welfare", 5),
    (IndicatorKind.SATISFACTION, "problems", 10),
    (IndicatorKind.SATISFACTION, "covenant", 4),
    (IndicatorKind.WORKER, "meeting", 3),
    (IndicatorKind.WORKER, "talking", 3),
    (IndicatorKind.WORKER, "solved", 2),
    (IndicatorKind.WORKER, "satisfied", 2),
]  # 60% from residents


def _scheme(town: User, year: int, items: list[str]) -> Scheme:
    scheme = actions.do_create_scheme(actor=town, year=year, satisfaction_floor=60)
    for code, weight in zip(items, (15, 15, 10), strict=False):
        actions.do_add_indicator(scheme, actor=town, kind=IndicatorKind.ITEM, item_code=code, weight=weight)
    for kind, key, weight in RESIDENT:
        actions.do_add_indicator(scheme, actor=town, kind=kind, key=key, weight=weight)
    return actions.do_open_scoring(scheme, actor=town)


@transaction.atomic
def load() -> None:
    """Idempotent: skipped when 汉阴县 already has a scheme, or without lists or a township officer."""
    if Scheme.objects.within(COUNTY).exists():
        return
    town = User.objects.filter(org__code=f"{COUNTY}100", role=Role.TOWNSHIP_OFFICER).first()  # 城关镇
    if town is None or town.org is None:
        return
    items = [i.code for i in current_items(town.org).filter(category__in=[Category.DUTY, Category.SERVICE])[:3]]
    if len(items) < 3:
        return
    rng = random.Random(14)
    year = timezone.localdate().year
    communities = list(tree.grassroots_of(town.org).order_by("code"))
    last = _scheme(town, year - 1, items)
    current = _scheme(town, year, items)
    for scheme, share in ((last, 1.0), (current, 0.4)):
        for community in communities[: max(1, int(len(communities) * share))]:
            for indicator in scheme.indicators.all():
                actions.do_enter_score(
                    scheme,
                    actor=town,
                    community_code=community.code,
                    indicator_id=indicator.pk,
                    value=rng.randint(68, 98),
                )
    actions.do_publish_scheme(last, actor=town)
    for worker in User.objects.filter(
        role=Role.COMMUNITY_WORKER, org__region_code__in=[f"{COUNTY}100001", f"{COUNTY}101201"]
    ):
        assert worker.org is not None
        for target in actions.rating_targets(worker.org)[:5]:
            actions.do_rate(
                actor=worker,
                target_code=target.code,
                year=year - 1,
                score=rng.randint(2, 5),
                funding_on_time=rng.random() > 0.3,
                unlisted_work=rng.random() < 0.3,
                comment="",
            )
