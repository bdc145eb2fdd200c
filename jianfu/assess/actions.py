"""Writes of assessment: the scheme and its indicators, scores, publication, two-way ratings."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jianfu.catalog.choices import Category
from jianfu.catalog.selectors import current_items
from jianfu.core import audit
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.orgs import tree
from jianfu.orgs.choices import OrgKind, Role
from jianfu.orgs.models import Org
from jianfu.orgs.permissions import has_role
from jianfu.supervision.actions import do_open_case
from jianfu.supervision.choices import CaseSource

from .choices import (
    KEY_LABELS,
    IndicatorKind,
    Method,
    ObjectionState,
    Satisfaction,
    SchemeState,
    ScoreSource,
    WorkerRate,
)
from .datascores import data_scores
from .models import DeptAssessAttempt, Indicator, Objection, Rating, Scheme, Score
from .permissions import is_community_worker, is_township_assessor, owns_scheme
from .survey import survey_scores, write_scores
from .transitions import SCHEME
from .visits import visit_scores

# Categories that can never be an assessment criterion: plaques and mechanisms (seed 000: 牌子
# never a criterion), creation/evaluation campaigns (创建达标), and the negative list.
REFUSED_CATEGORIES: dict[str, Any] = {
    Category.MECHANISM: gettext_lazy("牌子与工作机制不得作为考核指标（挂牌不作为考核评比依据）。"),
    Category.EVALUATION: gettext_lazy("创建达标、评比类事项不得作为社区综合考核指标。"),
    Category.NEGATIVE: gettext_lazy("负面清单事项不应由社区承担，不能作为考核指标。"),
}
ONLY_TOWNSHIP = gettext_lazy("只有乡镇（街道）可以对社区进行综合考核；部门不得单独考核社区。")


def _must_own(scheme: Scheme, actor: Any) -> None:
    if not owns_scheme(scheme, actor):
        raise NotAllowed(str(ONLY_TOWNSHIP))


def _must_be_draft(scheme: Scheme) -> None:
    if scheme.state != SchemeState.DRAFT:
        raise ActionError(_("考核方案已开始评分，指标不能再修改。"))


@transaction.atomic
def do_record_dept_attempt(*, actor: Any, what: str, source_obj: Any = None) -> DeptAssessAttempt:
    """Seed 000: departments do not assess or rank communities separately. A department's attempt
    is recorded as a breach (one row per department and year, counting attempts) and put into
    supervision as a case (source 违规考核社区). ``source_obj`` is what carried the attempt when it
    was not refused — a task or a registered form (``assess.guard``): one case per such object;
    refused attempts to create a scheme share the year's case."""
    department: Org = actor.org
    year = timezone.localdate().year
    attempt, created = DeptAssessAttempt.objects.select_for_update().get_or_create(
        department=department,
        year=year,
        defaults={"region_code": department.region_code, "last_by": actor},
    )
    if not created:
        attempt.attempts += 1
        attempt.last_by, attempt.last_at = actor, timezone.now()
    if source_obj is None:
        title = _("{dept}试图单独考核（排名）社区").format(dept=department.name)
        note = _("系统已拒绝")
    else:
        title = _("{dept}单独考核（排名）社区：{what}").format(dept=department.name, what=what)
        note = _("已送达社区，社区可拒收")
    case = do_open_case(
        actor=actor,
        source=CaseSource.ASSESSMENT,
        region_code=department.region_code,
        title=title,
        description=_("{what}（{note}；{year} 年第 {n} 次）").format(
            what=what, note=note, year=year, n=attempt.attempts
        ),
        rule_ref=str(ONLY_TOWNSHIP),
        department=department,
        source_obj=source_obj or attempt,
    )
    attempt.case_id = case.pk
    attempt.save()
    audit.record(actor, "assess.dept_attempt", attempt, after={"what": what, "attempts": attempt.attempts})
    return attempt


def is_department_officer(actor: Any) -> bool:
    org = getattr(actor, "org", None)
    return has_role(actor, Role.DEPT_OFFICER) and org is not None and org.kind == OrgKind.DEPARTMENT


def do_create_scheme(*, actor: Any, year: int, title: str = "", satisfaction_floor: int = 50) -> Scheme:
    """A township opens its annual assessment of its communities (one a year). A department's
    attempt is refused and recorded as a breach with a supervision case (seed 000)."""
    if not is_township_assessor(actor):
        if is_department_officer(actor):
            do_record_dept_attempt(actor=actor, what=_("新建社区考核方案：{year} 年度").format(year=year))
        raise NotAllowed(str(ONLY_TOWNSHIP))
    return _create_scheme(actor=actor, year=year, title=title, satisfaction_floor=satisfaction_floor)


@transaction.atomic
def _create_scheme(*, actor: Any, year: int, title: str, satisfaction_floor: int) -> Scheme:
    township: Org = actor.org
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ActionError(_("年度须在 2000 至 2100 之间。"), field="year")
    if not isinstance(satisfaction_floor, int) or not 50 <= satisfaction_floor <= 100:
        raise ActionError(_("居民满意度权重下限须在 50% 至 100% 之间。"), field="satisfaction_floor")
    if Scheme.objects.filter(township=township, year=year).exists():
        raise ActionError(_("{year} 年度的考核方案已存在：每年只进行一次综合考核。").format(year=year), field="year")
    title = (title or "").strip()[:200] or _("{name}{year}年度社区综合考核").format(name=township.name, year=year)
    scheme = Scheme.objects.create(
        township=township,
        region_code=township.region_code,
        year=year,
        title=title,
        satisfaction_floor=satisfaction_floor,
        created_by=actor,
    )
    audit.record(actor, "assess.scheme.create", scheme, after={"year": year, "floor": satisfaction_floor})
    return scheme


def _weight(value: Any) -> int:
    try:
        weight = int(value)
    except (TypeError, ValueError):
        weight = 0
    if not 1 <= weight <= 100:
        raise ActionError(_("权重须为 1 至 100 之间的整数。"), field="weight")
    return weight


def _list_item(scheme: Scheme, code: str) -> Any:
    code = (code or "").strip()
    if not code:
        raise ActionError(_("清单事项指标须对应一项现行清单事项（考核指标只能来自清单）。"), field="item")
    item = current_items(scheme.township).filter(code=code).first()
    if item is None:
        raise ActionError(
            _("现行清单中没有编号为 {code} 的事项：考核指标只能来自清单所列事项。").format(code=code), field="item"
        )
    refused = REFUSED_CATEGORIES.get(item.category)
    if refused:
        raise ActionError(str(refused), field="item")
    return item


@transaction.atomic
def do_add_indicator(
    scheme: Scheme, *, actor: Any, kind: str, weight: Any, item_code: str = "", key: str = "", method: str = ""
) -> Indicator:
    """Add one criterion: a current list item, or a resident-satisfaction indicator."""
    _must_own(scheme, actor)
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    _must_be_draft(scheme)
    weight = _weight(weight)
    item = None
    if kind == IndicatorKind.ITEM:
        item = _list_item(scheme, item_code)
        if scheme.indicators.filter(item=item).exists():
            raise ActionError(_("该清单事项已是本方案的指标。"), field="item")
        title, key = item.title, ""
        method = method or Method.MANUAL
        if method not in Method.values:
            raise ActionError(_("请选择评分方式。"), field="method")
    elif kind in (IndicatorKind.SATISFACTION, IndicatorKind.WORKER):
        allowed = Satisfaction.values if kind == IndicatorKind.SATISFACTION else WorkerRate.values
        if key not in allowed:
            raise ActionError(_("请选择一项居民满意度指标。"), field="key")
        if scheme.indicators.filter(kind=kind, key=key).exists():
            raise ActionError(_("该满意度指标已在本方案中。"), field="key")
        title = str(KEY_LABELS[key])
        method = Method.MANUAL
    else:
        raise ActionError(_("请选择指标类型。"), field="kind")
    current = scheme.indicators.aggregate(t=Sum("weight"))["t"] or 0
    if current + weight > 100:
        raise ActionError(_("权重合计将超过 100%（已有 {current}%）。").format(current=current), field="weight")
    if kind == IndicatorKind.ITEM:
        items = scheme.indicators.filter(kind=IndicatorKind.ITEM).aggregate(t=Sum("weight"))["t"] or 0
        room = 100 - scheme.satisfaction_floor
        if items + weight > room:
            raise ActionError(
                _("居民满意度须占至少 {floor}%，清单事项指标权重合计不得超过 {room}%。").format(
                    floor=scheme.satisfaction_floor, room=room
                ),
                field="weight",
            )
    indicator = Indicator.objects.create(
        scheme=scheme,
        region_code=scheme.region_code,
        kind=kind,
        item=item,
        key=key,
        title=title,
        weight=weight,
        method=method,
        sort_order=scheme.indicators.count() + 1,
    )
    audit.record(actor, "assess.indicator.add", scheme, after={"indicator": title, "weight": weight})
    return indicator


@transaction.atomic
def do_remove_indicator(indicator: Indicator, *, actor: Any) -> None:
    scheme = indicator.scheme
    _must_own(scheme, actor)
    _must_be_draft(Scheme.objects.select_for_update().get(pk=scheme.pk))
    audit.record(actor, "assess.indicator.remove", scheme, before={"indicator": indicator.title})
    indicator.delete()


def do_open_scoring(scheme: Scheme, *, actor: Any) -> Scheme:
    """Start scoring: weights must sum to 100 and resident satisfaction carry at least the floor."""
    return SCHEME.apply(scheme, "open", actor=actor)


def do_reopen_scheme(scheme: Scheme, *, actor: Any, reason: str = "") -> Scheme:
    return SCHEME.apply(scheme, "reopen", actor=actor, reason=reason)


def do_publish_scheme(scheme: Scheme, *, actor: Any) -> Scheme:
    """Publish the results (every community scored on every indicator)."""
    return SCHEME.apply(scheme, "publish", actor=actor)


@transaction.atomic
def do_compute_scores(scheme: Scheme, *, actor: Any) -> int:
    """Compute the survey-fed and data-driven scores (each with how it was computed); a score
    entered by hand on such an indicator is replaced. Returns the number of scores written."""
    scheme = _scoring(scheme, actor)
    # a score changed by an upheld objection stays as decided
    kept = set(
        Objection.objects.filter(scheme=scheme, state=ObjectionState.UPHELD).values_list("indicator_id", "community_id")
    )
    survey = [r for r in survey_scores(scheme) if (r[0].pk, r[1]) not in kept]
    data = [r for r in data_scores(scheme) + visit_scores(scheme) if (r[0].pk, r[1]) not in kept]
    n = write_scores(survey, ScoreSource.SURVEY, actor) + write_scores(data, ScoreSource.DATA, actor)
    audit.record(actor, "assess.score.compute", scheme, after={"survey": len(survey), "data": len(data)})
    return n


def parse_value(raw: Any) -> Decimal:
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        raise ActionError(_("得分须为 0 至 100 之间的数字。"), field="value") from None
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(100):
        raise ActionError(_("得分须为 0 至 100 之间的数字。"), field="value")
    return value.quantize(Decimal("0.1"))


def _scoring(scheme: Scheme, actor: Any) -> Scheme:
    _must_own(scheme, actor)
    return _scoring_for(scheme)


def _scoring_for(scheme: Scheme) -> Scheme:
    locked = Scheme.objects.select_for_update().get(pk=scheme.pk)
    if locked.state != SchemeState.SCORING:
        raise ActionError(_("只有评分中的考核方案可以录入得分。"))
    return locked


def _community(scheme: Scheme, code: str) -> Org:
    community = tree.grassroots_of(scheme.township).filter(code=str(code or "").strip()).first()
    if community is None:
        raise ActionError(_("该社区不属于本乡镇（街道）。"), field="community")
    return community


def _put(indicator: Indicator, community: Org, value: Decimal, note: str, actor: Any) -> Score:
    score, _created = Score.objects.update_or_create(
        indicator=indicator,
        community=community,
        defaults={
            "value": value,
            "note": (note or "").strip()[:300],
            "region_code": community.region_code,
            "entered_by": actor,
            "entered_at": timezone.now(),
            "source": ScoreSource.MANUAL,
        },
    )
    return score


@transaction.atomic
def do_enter_score(
    scheme: Scheme, *, actor: Any, community_code: str, indicator_id: Any, value: Any, note: str = ""
) -> Score:
    """A township officer scores one community on one indicator (0–100)."""
    scheme = _scoring(scheme, actor)
    community = _community(scheme, community_code)
    indicator = scheme.indicators.filter(pk=int(indicator_id) if str(indicator_id).isdigit() else -1).first()
    if indicator is None:
        raise ActionError(_("请选择本方案的一项指标。"), field="indicator")
    score = _put(indicator, community, parse_value(value), note, actor)
    audit.record(
        actor,
        "assess.score.enter",
        scheme,
        after={"community": community.code, "indicator": indicator.title, "value": str(score.value)},
    )
    return score


@transaction.atomic
def do_import_scores(scheme: Scheme, *, actor: Any, upload: Any) -> int:
    """Scores from the Excel template (社区编码, 社区名称, one column per indicator):
    all or nothing, with every bad cell named by row and column."""
    from jianfu.core.xlsx import column_letter, iter_rows, open_workbook

    scheme = _scoring(scheme, actor)
    sheet = open_workbook(upload).worksheets[0]
    header = [str(v or "").strip() for v in next(sheet.iter_rows(max_row=1, values_only=True), ())]
    indicators = list(scheme.indicators.all())
    columns: dict[int, Indicator] = {}
    for indicator in indicators:
        if indicator.title not in header:
            raise ActionError(_("模板缺少指标列：{title}。请使用下载的模板。").format(title=indicator.title))
        columns[header.index(indicator.title)] = indicator
    communities = {c.code: c for c in tree.grassroots_of(scheme.township)}
    errors: list[dict[str, Any]] = []
    pending: list[tuple[Indicator, Org, Decimal]] = []
    for row_no, row in iter_rows(sheet, max_rows=2000):
        code = str(row[0] if row else "").strip()
        community = communities.get(code)
        if community is None:
            errors.append(
                {"row": row_no, "column": "A", "message": _("社区编码 {code} 不属于本乡镇（街道）。").format(code=code)}
            )
            continue
        for index, indicator in columns.items():
            raw = row[index] if index < len(row) else None
            if raw is None or str(raw).strip() == "":
                continue
            try:
                pending.append((indicator, community, parse_value(raw)))
            except ActionError as exc:
                errors.append({"row": row_no, "column": column_letter(index + 1), "message": exc.message})
    if errors:
        raise ActionError(_("导入失败，共 {n} 处错误，未保存任何得分。").format(n=len(errors)), errors=errors)
    if not pending:
        raise ActionError(_("文件中没有得分。"))
    for indicator, community, value in pending:
        _put(indicator, community, value, "", actor)
    audit.record(actor, "assess.score.import", scheme, after={"scores": len(pending)})
    return len(pending)


def rating_targets(community: Org) -> list[Org]:
    """Whom a community rates (seed 004, 履职履约双向评价): its township and the departments of
    its county and township."""
    township = community.parent
    targets = [township] if township is not None and township.kind == OrgKind.TOWNSHIP else []
    county = tree.county_of(community)
    return targets + list(tree.departments_of(county))


@transaction.atomic
def do_rate(
    *,
    actor: Any,
    target_code: str,
    year: int,
    score: Any,
    funding_on_time: bool = True,
    unlisted_work: bool = False,
    comment: str = "",
) -> Rating:
    """A community rates the township or a department for the year (one rating, may be revised)."""
    if not is_community_worker(actor):
        raise NotAllowed(_("只有社区（村）可以进行履职履约评价。"))
    community: Org = actor.org
    target = next((t for t in rating_targets(community) if t.code == (target_code or "").strip()), None)
    if target is None:
        raise ActionError(_("请选择本乡镇（街道）或本县的部门。"), field="target")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ActionError(_("年度须在 2000 至 2100 之间。"), field="year")
    try:
        value = int(score)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 5:
        raise ActionError(_("评分须为 1 至 5 分。"), field="score")
    rating, created = Rating.objects.update_or_create(
        rater=community,
        target=target,
        year=year,
        defaults={
            "region_code": community.region_code,
            "score": value,
            "funding_on_time": bool(funding_on_time),
            "unlisted_work": bool(unlisted_work),
            "comment": (comment or "").strip()[:500],
            "rated_by": actor,
            "rated_at": timezone.now(),
        },
    )
    audit.record(actor, "assess.rating.save", rating, after={"target": target.code, "score": value, "new": created})
    return rating
