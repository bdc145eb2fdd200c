"""Reads of assessment, each taking the user: schemes, results, ratings, the public results."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet, Sum

from jianfu.orgs import tree
from jianfu.orgs.choices import OrgKind, Role
from jianfu.orgs.models import Org
from jianfu.orgs.permissions import has_role
from jianfu.orgs.scoping import get_in_scope_or_404, scope_prefix

from .choices import COUNTED_STATUSES, AnswerStatus, SchemeState
from .models import DeptAssessAttempt, Indicator, Objection, Rating, Scheme, Score, ScoreEvidence, SurveyAnswer
from .permissions import can_see_assess, can_see_ratings, is_community_worker, owns_scheme

HUNDRED = Decimal(100)


def schemes_for(user: Any) -> QuerySet[Scheme]:
    """The schemes a user may read: the county and the township within their jurisdiction; a
    community its own township's once scoring starts. Departments see none (they do not assess)."""
    if not can_see_assess(user):
        return Scheme.objects.none()
    qs = Scheme.objects.select_related("township")
    if is_community_worker(user):
        return qs.filter(township_id=user.org.parent_id).exclude(state=SchemeState.DRAFT)
    return qs.restrict(user) | qs.filter(assessors__user_id=user.pk).exclude(state=SchemeState.DRAFT)


def get_scheme(user: Any, pk: Any) -> Scheme:
    assigned = Scheme.objects.filter(assessors__user_id=user.pk).exclude(state=SchemeState.DRAFT)
    if can_see_assess(user) and assigned.filter(pk=int(pk) if str(pk).isdigit() else -1).exists():
        return Scheme.objects.select_related("township").get(pk=int(pk))
    if is_community_worker(user):
        qs = schemes_for(user)
        scheme = qs.filter(pk=int(pk) if str(pk).isdigit() else -1).first()
        if scheme is None:
            from jianfu.core.errors import NotFound

            raise NotFound("未找到该考核方案。")
        return scheme
    return get_in_scope_or_404(schemes_for(user), user, pk=pk, message="未找到该考核方案。")


def get_indicator(user: Any, pk: Any) -> Indicator:
    return get_in_scope_or_404(
        Indicator.objects.filter(scheme__in=schemes_for(user)).select_related("scheme"),
        user,
        pk=pk,
        message="未找到该指标。",
    )


@dataclass
class ResultRow:
    community: Org
    values: list[Decimal | None] = field(default_factory=list)
    total: Decimal = Decimal(0)
    resident: Decimal = Decimal(0)  # the part of the total from resident satisfaction
    rank: int = 0


def results(scheme: Scheme, *, only: Org | None = None) -> tuple[list[Indicator], list[ResultRow]]:
    """Each community's weighted total (Σ weight × score / 100), ranked; ``only`` keeps one row
    (a community sees its own breakdown, not its neighbours')."""
    indicators = list(scheme.indicators.all())
    communities = list(tree.grassroots_of(scheme.township).order_by("code"))
    scores = {
        (s.indicator_id, s.community_id): s.value
        for s in Score.objects.filter(indicator__scheme=scheme).only("indicator_id", "community_id", "value")
    }
    rows = []
    for community in communities:
        row = ResultRow(community)
        for indicator in indicators:
            value = scores.get((indicator.pk, community.pk))
            row.values.append(value)
            if value is not None:
                part = value * indicator.weight / HUNDRED
                row.total += part
                if indicator.is_resident:
                    row.resident += part
        row.total = row.total.quantize(Decimal("0.01"))
        row.resident = row.resident.quantize(Decimal("0.01"))
        rows.append(row)
    for rank, row in enumerate(sorted(rows, key=lambda r: -r.total), start=1):
        row.rank = rank
    rows.sort(key=lambda r: r.rank)
    if only is not None:
        rows = [r for r in rows if r.community.pk == only.pk]
    return indicators, rows


def results_for(user: Any, scheme: Scheme) -> tuple[list[Indicator], list[ResultRow]]:
    if is_community_worker(user):
        return results(scheme, only=user.org)
    return results(scheme)


def public_county(code: str) -> Org:
    from jianfu.core.errors import NotFound

    county = Org.objects.filter(code=code, kind=OrgKind.COUNTY, is_active=True).first()
    if county is None:
        raise NotFound("未找到该县（区）。")
    return county


def published_schemes(county: Org) -> QuerySet[Scheme]:
    """Published schemes of a county's townships (public: results are published, seeds 000/004)."""
    return (
        Scheme.objects.within(county.region_prefix)
        .filter(state=SchemeState.PUBLISHED)
        .select_related("township")
        .order_by("-year", "region_code")
    )


def ratings_for(user: Any) -> QuerySet[Rating]:
    """Two-way ratings: the county sees all of its own; a township the ratings of itself and those
    its communities gave; a community its own."""
    qs = Rating.objects.select_related("rater", "target", "target__parent")
    if is_community_worker(user):
        return qs.restrict(user)
    if not can_see_ratings(user):
        return qs.none()
    return qs.restrict(user)


def rating_summary(user: Any, year: int | None = None) -> list[dict[str, Any]]:
    """Per rated org: average score, number of ratings, late funding, unlisted work."""
    qs = ratings_for(user)
    if year:
        qs = qs.filter(year=year)
    rows = (
        qs.values("target__id", "target__name", "target__kind")
        .annotate(
            avg=Avg("score"),
            n=Count("id"),
            late=Count("id", filter=Q(funding_on_time=False)),
            unlisted=Count("id", filter=Q(unlisted_work=True)),
        )
        .order_by("avg", "target__name")
    )
    return [dict(r) for r in rows]


def ratings_by_department(user: Any, start: Any, end: Any) -> dict[int, Decimal]:
    """Scoreboard figure: the departments' average two-way rating in the period's years."""
    if scope_prefix(user) is None or not has_role(
        user, Role.LIST_OWNER, Role.APPROVER, Role.SYSADMIN, Role.DEPT_OFFICER
    ):
        return {}
    qs = Rating.objects.restrict(user).filter(target__kind=OrgKind.DEPARTMENT, year__gte=start.year, year__lte=end.year)
    return {
        row["target_id"]: Decimal(str(round(row["avg"], 2)))
        for row in qs.values("target_id").annotate(avg=Avg("score"))
    }


@dataclass
class SurveyRow:
    community: Org
    issued: int = 0
    counted: int = 0
    flagged: int = 0
    rejected: int = 0

    @property
    def rate(self) -> Decimal | None:
        """Response rate: counted answers over codes issued (%)."""
        if not self.issued:
            return None
        return (Decimal(self.counted) * 100 / Decimal(self.issued)).quantize(Decimal("0.1"))


def survey_stats(scheme: Scheme, *, only: Org | None = None) -> list[SurveyRow]:
    """Per community: codes issued, answers counted / flagged / rejected, response rate."""
    communities = tree.grassroots_of(scheme.township).order_by("code")
    if only is not None:
        communities = communities.filter(pk=only.pk)
    rows = {c.pk: SurveyRow(c) for c in communities}
    for r in scheme.survey_batches.values("community_id").annotate(n=Sum("size")).order_by("community_id"):
        if r["community_id"] in rows:
            rows[r["community_id"]].issued = r["n"] or 0
    for r in (
        SurveyAnswer.objects.filter(scheme=scheme)
        .values("community_id", "status")
        .annotate(n=Count("id"))
        .order_by("community_id", "status")
    ):
        row = rows.get(r["community_id"])
        if row is None:
            continue
        if r["status"] in COUNTED_STATUSES:
            row.counted += r["n"]
        elif r["status"] == AnswerStatus.FLAGGED:
            row.flagged += r["n"]
        else:
            row.rejected += r["n"]
    return list(rows.values())


def flagged_answers(scheme: Scheme) -> QuerySet[SurveyAnswer]:
    return (
        SurveyAnswer.objects.filter(scheme=scheme, status=AnswerStatus.FLAGGED)
        .select_related("community")
        .order_by("client_hash", "submitted_at", "pk")
    )


def dept_attempts_for(user: Any) -> QuerySet[DeptAssessAttempt]:
    """Departments' attempts to assess communities (breaches), for the county."""
    if not can_see_ratings(user) or is_community_worker(user):
        return DeptAssessAttempt.objects.none()
    return DeptAssessAttempt.objects.restrict(user).select_related("department").order_by("-last_at", "-pk")


def objections_for(user: Any, scheme: Scheme) -> QuerySet[Objection]:
    """A community its own objection; the township and the county all of the scheme's."""
    qs = Objection.objects.filter(scheme=scheme).select_related("community", "indicator").order_by("raised_at", "pk")
    if is_community_worker(user):
        return qs.filter(community_id=user.org_id)
    return qs


def evidence_for(user: Any, scheme: Scheme) -> QuerySet[ScoreEvidence]:
    """Evaluators' evidence files: the township that owns the scheme sees all of them, a
    community only those on its own scores; nobody else (not the county, not the evaluator)."""
    qs = ScoreEvidence.objects.filter(scheme=scheme).select_related("score__indicator", "score__community")
    if owns_scheme(scheme, user):
        return qs
    if is_community_worker(user) and scheme.state != SchemeState.DRAFT:
        return qs.filter(score__community_id=user.org_id)
    return qs.none()


def get_evidence(user: Any, pk: int, file_id: int) -> ScoreEvidence:
    """One evidence file for download; a 404 for anyone it is not shown to (a forged id too)."""
    from jianfu.core.errors import NotFound

    found = evidence_for(user, get_scheme(user, pk)).filter(pk=file_id).first()
    if found is None:
        raise NotFound("未找到该文件。")
    return found


def get_objection(user: Any, scheme: Scheme, pk: Any) -> Objection:
    return get_in_scope_or_404(objections_for(user, scheme), user, pk=pk, message="未找到该异议。")


@dataclass
class BreakdownLine:
    indicator: Indicator
    value: Decimal | None
    weighted: Decimal | None
    source: str
    note: str


def breakdown(scheme: Scheme, community: Org) -> list[BreakdownLine]:
    """One community's line per indicator: score, weighted part, source and how it was computed."""
    scores = {s.indicator_id: s for s in Score.objects.filter(indicator__scheme=scheme, community=community)}
    lines = []
    for indicator in scheme.indicators.select_related("item"):
        s = scores.get(indicator.pk)
        value = s.value if s else None
        weighted = (value * indicator.weight / HUNDRED).quantize(Decimal("0.01")) if value is not None else None
        lines.append(
            BreakdownLine(indicator, value, weighted, s.get_source_display() if s else "", s.note if s else "")
        )
    return lines
