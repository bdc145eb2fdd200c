"""Writes of the resident satisfaction survey (seed 003; issue 14 point 2).

A community (or its township) prints a batch of one-time codes for a round; a resident answers on
a phone without an account, once per code. Only hashes are kept: the code's SHA-256 (the plain
codes exist only in the printed PDF) and a salted HMAC of the client address (per round, so one
address cannot be followed across rounds). Many answers from one address within minutes are
flagged and held out of the score until a township officer accepts or rejects them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core import audit
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.orgs import tree
from jianfu.orgs.models import Org

from .choices import (
    COUNTED_STATUSES,
    FLAG_AFTER,
    FLAG_MINUTES,
    LEVELS,
    MAX_CODES_PER_BATCH,
    SURVEY_KEYS,
    AnswerStatus,
    IndicatorKind,
    SchemeState,
    WorkerRate,
)
from .models import Scheme, Score, SurveyAnswer, SurveyBatch, SurveyCode
from .permissions import is_community_worker, owns_scheme

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read from paper
CODE_LENGTH = 12  # 60 bits
HUNDRED = Decimal(100)


class BadCode(ActionError):
    """An unknown or malformed code: 404 on the API, a message on the form (not the 404 page)."""

    status_code = 404


class UsedCode(ActionError):
    status_code = 409


def normalise_code(raw: Any) -> str:
    return "".join(ch for ch in str(raw or "").upper() if ch in ALPHABET)[:CODE_LENGTH]


def code_hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def client_hash(scheme_id: int, address: str) -> str:
    """A salted hash of the client address (salt: the server key and the round)."""
    key = hashlib.sha256(f"assess-survey:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, f"{scheme_id}:{address}".encode(), hashlib.sha256).hexdigest()


def pretty(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _open_round(scheme: Scheme) -> None:
    if scheme.state == SchemeState.PUBLISHED:
        raise ActionError(_("本年度考核结果已公布，问卷已结束。"))


def may_issue(scheme: Scheme, user: Any, community: Org) -> bool:
    """The owning township for any of its communities; a community worker for its own."""
    if owns_scheme(scheme, user):
        return True
    return is_community_worker(user) and user.org_id == community.pk and community.parent_id == scheme.township_id


@transaction.atomic
def do_issue_codes(scheme: Scheme, *, actor: Any, community_code: str, count: Any) -> tuple[SurveyBatch, list[str]]:
    """Create ``count`` one-time codes for a community; returns the batch and the plain codes
    (to print now: they are not stored)."""
    community = tree.grassroots_of(scheme.township).filter(code=str(community_code or "").strip()).first()
    if community is None:
        raise ActionError(_("该社区不属于本乡镇（街道）。"), field="community_code")
    if not may_issue(scheme, actor, community):
        raise NotAllowed(_("只有本社区或本乡镇（街道）可以印制问卷码。"))
    _open_round(scheme)
    try:
        size = int(count)
    except (TypeError, ValueError):
        size = 0
    if not 1 <= size <= MAX_CODES_PER_BATCH:
        raise ActionError(_("每批问卷码须为 1 至 {n} 份。").format(n=MAX_CODES_PER_BATCH), field="count")
    batch = SurveyBatch.objects.create(
        scheme=scheme, community=community, region_code=community.region_code, size=size, created_by=actor
    )
    codes = ["".join(secrets.choice(ALPHABET) for _i in range(CODE_LENGTH)) for _n in range(size)]
    SurveyCode.objects.bulk_create(
        [SurveyCode(batch=batch, region_code=community.region_code, code_hash=code_hash(c)) for c in codes]
    )
    audit.record(actor, "assess.survey.codes", batch, after={"community": community.code, "size": size})
    return batch, codes


def parse_answers(raw: Any) -> dict[str, int]:
    """Every question answered: 1–5, or 满意/基本满意/不满意."""
    if not isinstance(raw, dict):
        raise ActionError(_("请回答全部问题。"))
    values: dict[str, int] = {}
    missing = []
    for key in SURVEY_KEYS:
        value = raw.get(key)
        if isinstance(value, str) and value.strip() in LEVELS:
            values[key] = LEVELS[value.strip()]
            continue
        try:
            number = int(value) if value is not None and not isinstance(value, bool) else 0
        except (TypeError, ValueError):
            number = 0
        if not 1 <= number <= 5:
            missing.append(key)
            continue
        values[key] = number
    if missing:
        raise ActionError(
            _("请回答全部问题（每题 1 至 5 分，或 满意/基本满意/不满意）。"),
            errors=[{"field": key, "message": _("请选择。")} for key in missing],
        )
    return values


def _flag_recent(scheme: Scheme, client: str, now: dt.datetime) -> bool:
    """Flag this answer (and the still-counted ones before it) when the address has answered more
    than FLAG_AFTER times in the last FLAG_MINUTES."""
    recent = SurveyAnswer.objects.filter(
        scheme=scheme, client_hash=client, submitted_at__gte=now - dt.timedelta(minutes=FLAG_MINUTES)
    )
    if recent.count() < FLAG_AFTER:
        return False
    recent.filter(status=AnswerStatus.COUNTED).update(status=AnswerStatus.FLAGGED)
    return True


@transaction.atomic
def do_answer_survey(code: str, *, actor: Any, answers: Any, address: str) -> SurveyAnswer:
    """A resident answers with a one-time code (no account). A reused or unknown code is refused
    and nothing is saved."""
    if not normalise_code(code) or len(normalise_code(code)) != CODE_LENGTH:
        raise BadCode(_("问卷码无效，请核对卡片上的 12 位问卷码。"), field="code")
    row = (
        SurveyCode.objects.select_for_update(of=("self",))
        .select_related("batch", "batch__scheme", "batch__community")
        .filter(code_hash=code_hash(code))
        .first()
    )
    if row is None:
        raise BadCode(_("问卷码无效，请核对卡片上的 12 位问卷码。"), field="code")
    if row.used:
        raise UsedCode(_("该问卷码已使用，每个问卷码只能答一次。"), field="code")
    batch = row.batch
    scheme = batch.scheme
    _open_round(scheme)
    values = parse_answers(answers)
    now = timezone.now()
    client = client_hash(scheme.pk, address or "unknown")
    flagged = _flag_recent(scheme, client, now)
    answer = SurveyAnswer.objects.create(
        scheme=scheme,
        community=batch.community,
        batch=batch,
        region_code=batch.region_code,
        client_hash=client,
        submitted_at=now,
        status=AnswerStatus.FLAGGED if flagged else AnswerStatus.COUNTED,
        **values,
    )
    row.used = True
    row.save(update_fields=["used"])
    audit.record(None, "assess.survey.answer", answer, org=batch.community, after={"flagged": flagged})
    return answer


@transaction.atomic
def do_review_answers(scheme: Scheme, *, actor: Any, ids: list[Any], accept: bool) -> int:
    """A township officer accepts (counted) or rejects (left out) flagged answers."""
    if not owns_scheme(scheme, actor):
        raise NotAllowed(_("只有本乡镇（街道）可以审核可疑答卷。"))
    _open_round(scheme)
    pks = [int(i) for i in ids if str(i).isdigit()]
    qs = SurveyAnswer.objects.select_for_update().filter(scheme=scheme, status=AnswerStatus.FLAGGED, pk__in=pks)
    n = qs.update(
        status=AnswerStatus.ACCEPTED if accept else AnswerStatus.REJECTED, reviewed_by=actor, reviewed_at=timezone.now()
    )
    if n == 0:
        raise ActionError(_("请选择待审核的可疑答卷。"))
    audit.record(actor, "assess.survey.review", scheme, after={"answers": n, "accepted": accept})
    return n


def survey_averages(scheme: Scheme) -> dict[int, dict[str, Any]]:
    """Per community: the number of counted answers and the average of each question."""
    rows = (
        SurveyAnswer.objects.filter(scheme=scheme, status__in=COUNTED_STATUSES)
        .values("community_id")
        .annotate(n=Count("id"), **{key: Avg(key) for key in SURVEY_KEYS})
        .order_by("community_id")
    )
    return {row["community_id"]: dict(row) for row in rows}


def to_score(average: Any) -> Decimal:
    """1–5 onto 0–100: 1 → 0, 5 → 100 (满意 100, 基本满意 75, 不满意 0)."""
    value = (Decimal(str(average)) - 1) * 25
    return max(Decimal(0), min(HUNDRED, value)).quantize(Decimal("0.1"))


def survey_scores(scheme: Scheme) -> list[tuple[Any, int, Decimal, str]]:
    """(indicator, community id, score, how) for every survey-fed indicator and community with
    counted answers."""
    indicators = [
        i
        for i in scheme.indicators.all()
        if i.kind == IndicatorKind.SATISFACTION or (i.kind == IndicatorKind.WORKER and i.key == WorkerRate.SATISFIED)
    ]
    out = []
    for community_id, row in survey_averages(scheme).items():
        for indicator in indicators:
            average = row[indicator.key]
            how = _("居民问卷 {n} 份，平均 {avg} 分（满分 5 分）").format(n=row["n"], avg=round(average, 2))
            out.append((indicator, community_id, to_score(average), how))
    return out


def write_scores(rows: list[tuple[Any, int, Decimal, str]], source: str, actor: Any) -> int:
    """Replace the scores of ``rows`` in bulk: one delete, then inserts of 500 rows at a time
    (a CASE-per-row bulk_update was the slowest part of scoring a county)."""
    if not rows:
        return 0
    communities = {c.pk: c.region_code for c in Org.objects.filter(pk__in={r[1] for r in rows})}
    by_indicator: dict[int, set[int]] = {}
    for indicator, community_id, _value, _how in rows:
        by_indicator.setdefault(indicator.pk, set()).add(community_id)
    stale = Q()
    for indicator_id, ids in by_indicator.items():
        stale |= Q(indicator_id=indicator_id, community_id__in=sorted(ids))
    Score.objects.filter(stale).delete()
    now = timezone.now()
    Score.objects.bulk_create(
        [
            Score(
                indicator=indicator,
                community_id=community_id,
                region_code=communities[community_id],
                value=value,
                note=how[:300],
                source=source,
                entered_by=actor,
                entered_at=now,
            )
            for indicator, community_id, value, how in rows
        ],
        batch_size=500,
    )
    return len(rows)
