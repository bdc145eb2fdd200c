"""Third-party evaluation (第三方评估, seed 003; issue 14 point 3) as an assignment: the township
appoints a user of its county to a scheme; that user scores the scheme's assessor indicators
(list items scored by hand) with evidence. No new role in orgs: the assignment is the permission.
Departments never evaluate communities, and a community cannot evaluate its neighbours."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from jianfu.core import audit
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.core.files import IMAGES, WORD, CheckedFile, check_upload, discard_on_error
from jianfu.orgs import tree
from jianfu.orgs.choices import Role
from jianfu.orgs.models import User

from .actions import _community, _put, _scoring_for, parse_value
from .choices import IndicatorKind, Method, SchemeState, ScoreSource
from .models import Scheme, SchemeAssessor, Score, ScoreEvidence
from .permissions import owns_scheme


def is_assessor(scheme: Scheme, user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        SchemeAssessor.objects.filter(scheme=scheme, user_id=user.pk).exists()
    )


@transaction.atomic
def do_appoint_assessor(scheme: Scheme, *, actor: Any, username: str) -> SchemeAssessor:
    if not owns_scheme(scheme, actor):
        raise NotAllowed(_("只有本乡镇（街道）可以委托第三方评估。"))
    if scheme.state == SchemeState.PUBLISHED:
        raise ActionError(_("考核结果已公布，不能再委托评估。"))
    user = User.objects.filter(username=(username or "").strip(), is_active=True).select_related("org").first()
    if user is None or user.org is None or tree.county_of(user.org).pk != tree.county_of(scheme.township).pk:
        raise ActionError(_("本县没有该用户。"), field="username")
    if user.role in (Role.DEPT_OFFICER, Role.COMMUNITY_WORKER) or user.org_id == scheme.township_id:
        raise ActionError(_("部门、社区和本乡镇（街道）人员不能作为第三方评估人。"), field="username")
    assessor, created = SchemeAssessor.objects.get_or_create(
        scheme=scheme, user=user, defaults={"region_code": scheme.region_code, "appointed_by": actor}
    )
    if not created:
        raise ActionError(_("该用户已是本方案的评估人。"), field="username")
    audit.record(actor, "assess.assessor.appoint", scheme, after={"user": user.username})
    return assessor


# Evidence files: photos, PDF, Word or Excel, checked by content (core.files), at most five a score.
EVIDENCE_KINDS = (*IMAGES, "pdf", *WORD, "xlsx")
EVIDENCE_ALLOWED = "仅支持图片（JPG/PNG/GIF/WEBP）、PDF、Word 和 Excel（.xlsx）文件。"
MAX_EVIDENCE_FILES = 5


def check_evidence(files: Any) -> list[CheckedFile]:
    """Read and check the evaluator's files; ``ActionError`` (Chinese) before anything is saved."""
    return check_upload(
        files or [],
        kinds=EVIDENCE_KINDS,
        max_bytes=int(settings.SUPERVISION_MAX_EVIDENCE_BYTES),  # the platform's evidence limit
        max_count=MAX_EVIDENCE_FILES,
        allowed=EVIDENCE_ALLOWED,
        noun=_("证据文件"),
        label=_("证据材料"),
        field="files",
    )


@transaction.atomic
def do_assessor_score(
    scheme: Scheme,
    *,
    actor: Any,
    community_code: str,
    indicator_id: Any,
    value: Any,
    note: str = "",
    files: Any = None,
) -> Score:
    """An appointed evaluator scores one community on one assessor indicator, with evidence:
    the basis in words and, optionally, files (seen by the township and that community only)."""
    if not is_assessor(scheme, actor):
        raise NotAllowed(_("您不是本考核方案的第三方评估人。"))
    checked = check_evidence(files)
    scheme = _scoring_for(scheme)
    community = _community(scheme, community_code)
    indicator = (
        scheme.indicators.filter(kind=IndicatorKind.ITEM, method=Method.MANUAL)
        .filter(pk=int(indicator_id) if str(indicator_id).isdigit() else -1)
        .first()
    )
    if indicator is None:
        raise ActionError(_("第三方评估只对人工评分的清单事项指标打分。"), field="indicator_id")
    evidence = (note or "").strip()
    if len(evidence) < 5:
        raise ActionError(_("第三方评估须写明评分依据（至少 5 个字）。"), field="note")
    score = _put(indicator, community, parse_value(value), evidence, actor)
    score.source = ScoreSource.ASSESSOR
    score.save(update_fields=["source"])
    with discard_on_error() as stored:
        for one in checked:
            file = ScoreEvidence(score=score, scheme=scheme, region_code=community.region_code)
            stored.append(file.put(one, uploaded_by=actor))
            file.save()
    audit.record(
        actor,
        "assess.score.assessor",
        scheme,
        org=scheme.township,
        after={
            "community": community.code,
            "indicator": indicator.title,
            "value": str(score.value),
            "files": [c.name for c in checked],
        },
    )
    return score
