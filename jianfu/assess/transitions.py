"""The assessment round on the engine: draft → scoring → published, moved by the township."""

from __future__ import annotations

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jianfu.core.transitions import Edge, Workflow
from jianfu.core.typing import Actor
from jianfu.orgs import tree

from .choices import RESIDENT_KINDS, AnswerStatus, ObjectionState
from .choices import SchemeState as S
from .models import Objection, Scheme, Score, SurveyAnswer
from .permissions import owns_scheme


def scheme_problem(scheme: Scheme) -> str | None:
    """Why a scheme may not be scored yet: weights not summing to 100, or resident satisfaction
    below the scheme's floor (seed 003: residents' satisfaction is the main criterion)."""
    indicators = scheme.indicators.all()
    if not indicators.exists():
        return _("考核方案还没有指标。")
    total = indicators.aggregate(t=Sum("weight"))["t"] or 0
    if total != 100:
        return _("各项指标权重合计须为 100%，当前为 {total}%。").format(total=total)
    resident = indicators.filter(kind__in=RESIDENT_KINDS).aggregate(t=Sum("weight"))["t"] or 0
    if resident < scheme.satisfaction_floor:
        return _("居民满意度是考核的主要标准，其权重合计不得低于 {floor}%，当前为 {share}%。").format(
            floor=scheme.satisfaction_floor, share=resident
        )
    return None


def missing_scores(scheme: Scheme) -> int:
    communities = tree.grassroots_of(scheme.township).count()
    expected = communities * scheme.indicators.count()
    return expected - Score.objects.filter(indicator__scheme=scheme, community__is_active=True).count()


def _ready_to_score(scheme: Scheme, actor: Actor) -> str | None:
    return scheme_problem(scheme)


def _ready_to_publish(scheme: Scheme, actor: Actor) -> str | None:
    pending = Objection.objects.filter(scheme=scheme, state=ObjectionState.PENDING).count()
    if pending:
        return _("还有 {n} 项社区异议未决定，决定后才能公布结果。").format(n=pending)
    flagged = SurveyAnswer.objects.filter(scheme=scheme, status=AnswerStatus.FLAGGED).count()
    if flagged:
        return _("还有 {n} 份可疑答卷待审核，审核后才能公布结果。").format(n=flagged)
    missing = missing_scores(scheme)
    if missing > 0:
        return _("还有 {n} 项得分未录入，全部录入后才能公布结果。").format(n=missing)
    return None


def _stamp_published(scheme: Scheme, actor: Actor, reason: str) -> None:
    scheme.published_at = timezone.now()


SCHEME = Workflow(
    "assess.scheme",
    Scheme,
    "state",
    [
        Edge(S.DRAFT, "open", S.SCORING, owns_scheme, gettext_lazy("开始评分"), guard=_ready_to_score),
        Edge(S.SCORING, "reopen", S.DRAFT, owns_scheme, gettext_lazy("退回修改方案"), needs_reason=True),
        Edge(
            S.SCORING,
            "publish",
            S.PUBLISHED,
            owns_scheme,
            gettext_lazy("公布结果"),
            guard=_ready_to_publish,
            effect=_stamp_published,
            extra_fields=("published_at",),
        ),
    ],
    org_of=lambda s: s.township,
)
