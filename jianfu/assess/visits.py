"""The workers' visit log and their indicators (seed 003: 见面率、交流率、问题解决率、满意率;
issue 14 point 6).

Per community worker and year:
- 见面率: visits where the household was met, over visits logged;
- 交流率: met visits with a topic discussed, over met visits;
- 问题解决率: problems resolved (visits with a problem marked resolved, plus grid events the
  worker reported that are closed) over problems (visits with a problem, plus those events);
- 满意率: the share of the community's counted survey answers satisfied with its workers (4 or 5);
  answers are anonymous, so this is the community's figure, shown on each of its workers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core import audit
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.events.choices import State as EventState
from jianfu.events.models import Event
from jianfu.orgs.choices import GRASSROOTS_KINDS, Role
from jianfu.orgs.models import Org, User

from .choices import COUNTED_STATUSES
from .models import SurveyAnswer, Visit
from .permissions import is_community_worker

# An ID number (15/18 digits, 18th may be X) or a mobile number: personal data, never a label.
PERSONAL = re.compile(r"\d{15,}|\d{17}[0-9Xx]|1[3-9]\d{9}")


@transaction.atomic
def do_log_visit(
    *,
    actor: Any,
    household: str,
    visited_on: Any,
    topic: str = "",
    met: bool = True,
    has_problem: bool = False,
    resolved: bool = False,
) -> Visit:
    """A community worker logs a household visit on the phone."""
    if not is_community_worker(actor):
        raise NotAllowed(_("只有社区（村）工作者可以记录入户走访。"))
    household = (household or "").strip()
    if not household or len(household) > 60:
        raise ActionError(_("请填写住户门牌或代称（不超过 60 字）。"), field="household")
    if PERSONAL.search(household.replace(" ", "")) or PERSONAL.search((topic or "").replace(" ", "")):
        raise ActionError(_("住户只填门牌或代称，不得填写身份证号、手机号等个人信息。"), field="household")
    if not isinstance(visited_on, dt.date):
        try:
            visited_on = dt.date.fromisoformat(str(visited_on or ""))
        except ValueError:
            raise ActionError(_("日期格式应为 YYYY-MM-DD。"), field="visited_on") from None
    today = timezone.localdate()
    if visited_on > today or visited_on < today - dt.timedelta(days=366):
        raise ActionError(_("走访日期须在一年内且不晚于今天。"), field="visited_on")
    community: Org = actor.org
    visit = Visit.objects.create(
        community=community,
        region_code=community.region_code,
        worker=actor,
        household=household,
        visited_on=visited_on,
        topic=(topic or "").strip()[:200],
        met=bool(met),
        has_problem=bool(has_problem),
        resolved=bool(resolved) and bool(has_problem),
    )
    audit.record(actor, "assess.visit.log", visit, after={"date": visited_on.isoformat()})
    return visit


def _rate(part: int, whole: int) -> Decimal | None:
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1")) if whole else None


@dataclass
class WorkerRow:
    worker: User
    community: Org
    visits: int
    households: int
    meeting: Decimal | None
    talking: Decimal | None
    solved: Decimal | None
    satisfied: Decimal | None
    met: int = 0
    talked: int = 0
    problems: int = 0  # visits with a problem plus reported events
    solved_n: int = 0


def worker_rates(communities: Any, year: int) -> list[WorkerRow]:
    """The four rates of every worker of ``communities`` (a queryset of orgs) in ``year``."""
    workers = list(
        User.objects.filter(
            org__in=communities, org__kind__in=GRASSROOTS_KINDS, role=Role.COMMUNITY_WORKER, is_active=True
        )
        .select_related("org")
        .order_by("org__code", "username")
    )
    ids = [w.pk for w in workers]
    visits: dict[int, dict[str, Any]] = {
        r["worker_id"]: dict(r)
        for r in Visit.objects.filter(worker_id__in=ids, visited_on__year=year)
        .values("worker_id")
        .annotate(
            n=Count("id"),
            homes=Count("household", distinct=True),
            met_n=Count("id", filter=Q(met=True)),
            talked=Count("id", filter=Q(met=True) & ~Q(topic="")),
            problems=Count("id", filter=Q(has_problem=True)),
            resolved_n=Count("id", filter=Q(resolved=True)),
        )
        .order_by("worker_id")
    }
    events: dict[int, dict[str, Any]] = {
        r["reporter_id"]: dict(r)
        for r in Event.objects.filter(reporter_id__in=ids, received_at__year=year)
        .values("reporter_id")
        .annotate(n=Count("id"), closed=Count("id", filter=Q(state=EventState.CLOSED)))
        .order_by("reporter_id")
    }
    satisfied = {
        r["community_id"]: _rate(r["ok"], r["n"])
        for r in SurveyAnswer.objects.filter(community__in=communities, status__in=COUNTED_STATUSES, scheme__year=year)
        .values("community_id")
        .annotate(n=Count("id"), ok=Count("id", filter=Q(satisfied__gte=4)))
        .order_by("community_id")
    }
    rows = []
    for w in workers:
        v: dict[str, Any] = visits.get(w.pk, {})
        e: dict[str, Any] = events.get(w.pk, {})
        rows.append(
            WorkerRow(
                worker=w,
                community=w.org,  # type: ignore[arg-type]
                visits=v.get("n", 0),
                households=v.get("homes", 0),
                meeting=_rate(v.get("met_n", 0), v.get("n", 0)),
                talking=_rate(v.get("talked", 0), v.get("met_n", 0)),
                solved=_rate(v.get("resolved_n", 0) + e.get("closed", 0), v.get("problems", 0) + e.get("n", 0)),
                satisfied=satisfied.get(w.org_id or 0),
                met=v.get("met_n", 0),
                talked=v.get("talked", 0),
                problems=v.get("problems", 0) + e.get("n", 0),
                solved_n=v.get("resolved_n", 0) + e.get("closed", 0),
            )
        )
    return rows


def visit_scores(scheme: Any) -> list[tuple[Any, int, Decimal, str]]:
    """(indicator, community id, score, how) for the scheme's 见面率/交流率/问题解决率 worker
    indicators: each community's rate over all its workers' visits (and reported events) in the
    scheme's year. A community without visits gets no computed score."""
    from jianfu.orgs import tree

    from .choices import IndicatorKind, WorkerRate

    keys = (WorkerRate.MEETING, WorkerRate.TALKING, WorkerRate.SOLVED)
    indicators = [i for i in scheme.indicators.all() if i.kind == IndicatorKind.WORKER and i.key in keys]
    if not indicators:
        return []
    totals: dict[int, dict[str, int]] = {}
    for row in worker_rates(tree.grassroots_of(scheme.township), scheme.year):
        t = totals.setdefault(row.community.pk, {"n": 0, "met": 0, "talked": 0, "problems": 0, "solved": 0})
        t["n"] += row.visits
        t["met"] += row.met
        t["talked"] += row.talked
        t["problems"] += row.problems
        t["solved"] += row.solved_n
    out = []
    for community_id, t in totals.items():
        if not t["n"]:
            continue
        figures = {
            WorkerRate.MEETING: (t["met"], t["n"], _("走访 {whole} 次，见到住户 {part} 次")),
            WorkerRate.TALKING: (t["talked"], t["met"], _("见面 {whole} 次，有交流事项 {part} 次")),
            WorkerRate.SOLVED: (t["solved"], t["problems"], _("问题 {whole} 个（含上报事件），已解决 {part} 个")),
        }
        for indicator in indicators:
            part, whole, how = figures[WorkerRate(indicator.key)]
            value = _rate(part, whole)
            if value is not None:
                out.append((indicator, community_id, value, how.format(part=part, whole=whole)))
    return out
