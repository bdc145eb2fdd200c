"""Objections (考核异议, issue 14 point 3): a community sees its draft scores and may object once,
with reasons, before the deadline the township set; the township decides each objection (upheld:
the score is changed; rejected: with a reason); results are published only when all are decided.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core import audit
from jianfu.core.errors import ActionError, NotAllowed

from .actions import _put, parse_value
from .choices import ObjectionState, SchemeState
from .models import Objection, Scheme, Score
from .permissions import is_community_worker, owns_scheme


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        raise ActionError(_("日期格式应为 YYYY-MM-DD。"), field="deadline") from None


@transaction.atomic
def do_set_objection_deadline(scheme: Scheme, *, actor: Any, deadline: Any) -> Scheme:
    """The township sets (or moves) the last day communities may object, while scoring."""
    if not owns_scheme(scheme, actor):
        raise NotAllowed(_("只有本乡镇（街道）可以设置异议期。"))
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    if scheme.state != SchemeState.SCORING:
        raise ActionError(_("只有评分中的考核方案可以设置异议期。"))
    day = _date(deadline)
    if day < timezone.localdate():
        raise ActionError(_("异议截止日期不能早于今天。"), field="deadline")
    scheme.objection_deadline = day
    scheme.save(update_fields=["objection_deadline"])
    audit.record(actor, "assess.objection.deadline", scheme, after={"deadline": day.isoformat()})
    return scheme


@transaction.atomic
def do_raise_objection(scheme: Scheme, *, actor: Any, indicator_id: Any, reason: str) -> Objection:
    """A community objects once to one of its draft scores, with reasons, before the deadline."""
    if not is_community_worker(actor) or actor.org.parent_id != scheme.township_id:
        raise NotAllowed(_("只有被考核的社区（村）可以对本社区得分提出异议。"))
    community = actor.org
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    if scheme.state != SchemeState.SCORING or scheme.objection_deadline is None:
        raise ActionError(_("乡镇（街道）尚未公布异议期，暂不能提出异议。"))
    if timezone.localdate() > scheme.objection_deadline:
        raise ActionError(_("异议期已于 {d} 截止，不能再提出异议。").format(d=scheme.objection_deadline.isoformat()))
    if Objection.objects.filter(scheme=scheme, community=community).exists():
        raise ActionError(_("本社区已提出过异议：每个社区只能提出一次。"))
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ActionError(_("请写明异议理由（至少 5 个字）。"), field="reason")
    indicator = scheme.indicators.filter(pk=int(indicator_id) if str(indicator_id).isdigit() else -1).first()
    if indicator is None:
        raise ActionError(_("请选择本方案的一项指标。"), field="indicator_id")
    score = Score.objects.filter(indicator=indicator, community=community).first()
    objection = Objection.objects.create(
        scheme=scheme,
        community=community,
        region_code=community.region_code,
        indicator=indicator,
        reason=reason[:2000],
        old_value=score.value if score else None,
        raised_by=actor,
    )
    audit.record(actor, "assess.objection.raise", objection, after={"indicator": indicator.title})
    return objection


@transaction.atomic
def do_decide_objection(
    objection: Objection, *, actor: Any, uphold: bool, decision: str, value: Any = None
) -> Objection:
    """The township upholds (the score becomes ``value``) or rejects (with a reason) an objection."""
    if not owns_scheme(objection.scheme, actor):
        raise NotAllowed(_("只有本乡镇（街道）可以决定异议。"))
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    if objection.state != ObjectionState.PENDING:
        raise ActionError(_("该异议已决定。"))
    if objection.scheme.state != SchemeState.SCORING:
        raise ActionError(_("只有评分中的考核方案可以决定异议。"))
    decision = (decision or "").strip()[:500]
    if uphold:
        new = parse_value(value)
        score = _put(objection.indicator, objection.community, new, _("异议成立：{d}").format(d=decision), actor)
        objection.new_value, objection.state = score.value, ObjectionState.UPHELD
    else:
        if not decision:
            raise ActionError(_("驳回异议须写明理由。"), field="decision")
        objection.state = ObjectionState.REJECTED
    objection.decision, objection.decided_by, objection.decided_at = decision, actor, timezone.now()
    objection.save()
    audit.record(actor, "assess.objection.decide", objection, after={"state": objection.state})
    return objection


def pending_objections(scheme: Scheme) -> int:
    return Objection.objects.filter(scheme=scheme, state=ObjectionState.PENDING).count()
