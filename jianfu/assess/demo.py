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
    """Idempotent: the schemes are skipped when 汉阴县 already has one, the survey round when it
    already has answers."""
    _schemes()
    _survey_round()


def _survey_round() -> None:
    """This year's round: survey codes and answers for 东关社区 (four from one address, flagged),
    the objection period with one objection, a few household visits, scores computed."""
    import datetime as dt

    from . import objections, survey, visits
    from .models import SurveyAnswer

    year = timezone.localdate().year
    scheme = Scheme.objects.within(COUNTY).filter(year=year, state="scoring").first()
    if scheme is None or SurveyAnswer.objects.filter(scheme=scheme).exists():
        return
    town = User.objects.filter(org=scheme.township, role=Role.TOWNSHIP_OFFICER).first()
    worker = User.objects.filter(org__region_code=f"{COUNTY}100001", role=Role.COMMUNITY_WORKER).first()
    if town is None or worker is None or worker.org is None:
        return
    rng = random.Random(2026)
    _batch, codes = survey.do_issue_codes(scheme, actor=town, community_code=worker.org.code, count=30)
    for i, code in enumerate(codes[:20]):
        answers = {key: rng.choice((5, 5, 4, 4, 4, 1)) for key in survey.SURVEY_KEYS}
        address = "192.0.2.77" if i >= 16 else f"198.51.100.{i + 1}"  # the last four: one address
        survey.do_answer_survey(code, actor=None, answers=answers, address=address)
    actions.do_compute_scores(scheme, actor=town)
    scheme = objections.do_set_objection_deadline(
        scheme, actor=town, deadline=timezone.localdate() + dt.timedelta(days=7)
    )
    indicator = scheme.indicators.filter(kind=IndicatorKind.ITEM).first()
    if indicator is not None:
        objections.do_raise_objection(
            scheme,
            actor=worker,
            indicator_id=indicator.pk,
            reason="本社区全年调解纠纷 46 件，台账已报乡镇，评分未计入其中 12 件，请复核。",
        )
    for n, (household, topic, problem, resolved) in enumerate(
        (
            ("3栋2单元401", "高龄补贴申领", True, True),
            ("3栋2单元402", "", False, False),
            ("5栋1单元101", "楼道照明损坏", True, False),
            ("老街12号", "居民公约宣传", False, False),
        )
    ):
        visits.do_log_visit(
            actor=worker,
            household=household,
            visited_on=timezone.localdate() - dt.timedelta(days=n),
            topic=topic,
            met=bool(topic),
            has_problem=problem,
            resolved=resolved,
        )


def _schemes() -> None:
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
