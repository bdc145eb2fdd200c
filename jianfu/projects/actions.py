"""Writes of resident projects (民生微实事): proposals (public or from a meeting), the stages,
the township's envelope, milestones with photos, spending, vote rounds and household codes."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core import audit
from jianfu.core.dates import check_in_range
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.core.files import IMAGES, check_upload, discard_on_error
from jianfu.orgs.choices import GRASSROOTS_KINDS, OrgKind
from jianfu.orgs.models import Org

from .choices import FUNDED, ProjectState, RoundKind, RoundState, Source, VoteMode
from .models import Ballot, Envelope, Milestone, MilestonePhoto, Pick, Project, Spending, Tally, VoteCode, VoteRound
from .permissions import is_community_of, is_community_worker, is_township_of, runs_delivery
from .transitions import PROJECT

MAX_TITLE, MAX_DESCRIPTION, MAX_CONTACT = 100, 2000, 100
MAX_COST = Decimal("100000000")
MAX_CODES = 50_000
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # read from paper: no 0/O, 1/I/L
CODE_LENGTH = 12
PHOTO_ALLOWED = "仅支持照片（JPG/PNG/GIF/WEBP）。"
MAX_PHOTOS = 5
_MARKUP = re.compile(r"<\s*[a-zA-Z/!?]")


# --- text and numbers from people ------------------------------------------------------------


def clean_text(value: Any, *, field: str, label: str, limit: int, required: bool = True) -> str:
    """Plain text as typed; markup (a <script> tag) and NUL bytes are refused, never stored."""
    text = str(value or "").strip()
    if required and not text:
        raise ActionError(_("请填写{label}。").format(label=label), field=field)
    if len(text) > limit:
        raise ActionError(_("{label}不能超过 {limit} 个字。").format(label=label, limit=limit), field=field)
    if "\x00" in text or _MARKUP.search(text):
        raise ActionError(
            _("{label}中不能包含网页代码（如 <script> 标签），请只写文字。").format(label=label), field=field
        )
    return text


def clean_money(value: Any, *, field: str, label: str, allow_zero: bool = False) -> Decimal:
    try:
        amount = Decimal(str(value).strip().replace(",", "").replace("，", ""))
    except (InvalidOperation, ValueError):
        raise ActionError(_("{label}须是金额（元），如 12000 或 12000.50。").format(label=label), field=field) from None
    if not amount.is_finite() or amount < 0 or (amount == 0 and not allow_zero):
        raise ActionError(_("{label}须大于 0 元。").format(label=label), field=field)
    if amount >= MAX_COST or amount != amount.quantize(Decimal("0.01")):
        raise ActionError(_("{label}金额不正确（最多两位小数，且小于 1 亿元）。").format(label=label), field=field)
    return amount.quantize(Decimal("0.01"))


def clean_day(value: Any, *, field: str, label: str) -> dt.date:
    if isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value or "").strip())
        except ValueError:
            raise ActionError(_("{label}格式不正确，请按 2026-05-01 填写。").format(label=label), field=field) from None
    check_in_range(day, field=field)
    return day


def _community(community: Org | None) -> Org:
    if community is None or community.kind not in GRASSROOTS_KINDS or not community.is_active:
        raise ActionError(_("请选择本县（区）的社区或村。"), field="community")
    return community


# --- proposals and stages --------------------------------------------------------------------


@transaction.atomic
def do_submit_proposal(
    *,
    actor: Any,
    community: Org | None,
    title: Any,
    description: Any,
    estimated_cost: Any,
    contact: Any = "",
) -> Project:
    """A proposal (项目建议): from a resident on the public page (``actor=None``), or entered by
    the community's worker from a residents' meeting (议事会)."""
    community = _community(community)
    if actor is not None and not (is_community_worker(actor) and actor.org_id == community.pk):
        raise NotAllowed(_("只有本社区的社区工作者可以录入项目建议。"))
    data = {
        "title": clean_text(title, field="title", label=_("项目名称"), limit=MAX_TITLE),
        "description": clean_text(description, field="description", label=_("项目内容"), limit=MAX_DESCRIPTION),
        "contact": clean_text(contact, field="contact", label=_("联系方式"), limit=MAX_CONTACT, required=False),
        "estimated_cost": clean_money(estimated_cost, field="estimated_cost", label=_("估算金额")),
    }
    township = community.parent
    assert township is not None
    project = Project.objects.create(
        region_code=community.region_code,
        community=community,
        township=township,
        year=timezone.localdate().year,
        source=Source.RESIDENT if actor is None else Source.MEETING,
        created_by=actor,
        **data,
    )
    audit.record(
        actor,
        "projects.project.propose",
        project,
        org=community if actor is None else None,
        after={"title": project.title, "estimated_cost": str(project.estimated_cost), "source": project.source},
    )
    return project


def do_deliberate_project(project: Project, *, actor: Any, meeting_record: Any) -> Project:
    """征集 → 评议: the community records the deliberation meeting (议事会)."""
    record = clean_text(meeting_record, field="meeting_record", label=_("评议会议记录"), limit=MAX_DESCRIPTION)
    return PROJECT.apply(project, "deliberate", actor=actor, changes={"meeting_record": record})


def remaining_envelope(township: Org, year: int, *, exclude: Project | None = None) -> tuple[Envelope | None, Decimal]:
    """The township's envelope for ``year`` and what is left of it after the funded projects."""
    envelope = Envelope.objects.filter(township=township, year=year).first()
    if envelope is None:
        return None, Decimal(0)
    funded = Project.objects.filter(township=township, year=year, state__in=FUNDED)
    if exclude is not None:
        funded = funded.exclude(pk=exclude.pk)
    used = funded.aggregate(s=Sum("budget"))["s"] or Decimal(0)
    return envelope, envelope.amount - used


@transaction.atomic
def do_approve_project(project: Project, *, actor: Any, budget: Any, funding_source: Any) -> Project:
    """评议 → 确定: the township approves with a budget and its funding source. The budget never
    exceeds the township's annual envelope (what is left of it)."""
    PROJECT.check(project, "approve", actor=actor)
    amount = clean_money(budget, field="budget", label=_("批准预算"))
    source = clean_text(funding_source, field="funding_source", label=_("资金来源"), limit=200)
    # The envelope row is locked until commit: two approvals in the same township are serialised,
    # so together they cannot overdraw it.
    # Funded from the envelope of the year it is approved in (a December proposal approved in
    # January draws on the new year's money).
    year = timezone.localdate().year
    envelope = Envelope.objects.select_for_update().filter(township_id=project.township_id, year=year).first()
    if envelope is None:
        raise ActionError(
            _("{town}尚未设定 {year} 年民生微实事资金额度，请先设定额度。").format(
                town=project.township.name, year=year
            ),
            field="budget",
        )
    _envelope, left = remaining_envelope(project.township, year, exclude=project)
    if amount > left:
        raise ActionError(
            _("批准预算 {amount} 元超出本镇（街道）{year} 年剩余额度 {left} 元。").format(
                amount=amount, year=year, left=left
            ),
            field="budget",
        )
    changes = {"budget": amount, "funding_source": source, "year": year}
    return PROJECT.apply(project, "approve", actor=actor, changes=changes)


def do_start_project(project: Project, *, actor: Any, supplier: Any) -> Project:
    """确定 → 实施: with the supplier (实施单位)."""
    name = clean_text(supplier, field="supplier", label=_("实施单位"), limit=200)
    return PROJECT.apply(project, "start", actor=actor, changes={"supplier": name})


def do_move_project(project: Project, *, actor: Any, action: str, reason: str = "") -> Project:
    """The moves that need no data: 提交验收, 归档; 退回整改, 不予采纳, 撤回 (with a reason)."""
    if action not in ("complete", "archive", "rework", "reject", "withdraw"):
        raise ActionError(_("未知的操作：{action}").format(action=action))
    if reason:
        reason = clean_text(reason, field="reason", label=_("理由"), limit=500)
    return PROJECT.apply(project, action, actor=actor, reason=reason)


@transaction.atomic
def do_set_envelope(township: Org, *, actor: Any, year: Any, amount: Any, funding_source: Any = "") -> Envelope:
    """The township sets its annual envelope (never below what it has already approved)."""
    if township.kind != OrgKind.TOWNSHIP or not is_township_of(township, actor):
        raise NotAllowed(_("只有本乡镇（街道）经办人可以设定资金额度。"))
    try:
        year_n = int(year)
    except (TypeError, ValueError):
        year_n = 0
    if not 2000 <= year_n <= 2100:
        raise ActionError(_("年度须在 2000—2100 之间。"), field="year")
    value = clean_money(amount, field="amount", label=_("年度额度"))
    source = clean_text(funding_source, field="funding_source", label=_("资金来源"), limit=200, required=False)
    envelope = Envelope.objects.select_for_update().filter(township=township, year=year_n).first()
    used = Project.objects.filter(township=township, year=year_n, state__in=FUNDED).aggregate(s=Sum("budget"))[
        "s"
    ] or Decimal(0)
    if value < used:
        raise ActionError(_("额度不能低于本年度已批准的预算合计 {used} 元。").format(used=used), field="amount")
    before = {"amount": str(envelope.amount)} if envelope else None
    if envelope is None:
        envelope = Envelope(township=township, region_code=township.region_code, year=year_n, amount=value)
    envelope.amount, envelope.funding_source = value, source
    envelope.save()
    audit.record(actor, "projects.envelope.set", envelope, before=before, after={"year": year_n, "amount": str(value)})
    return envelope


# --- delivery: milestones and spending -------------------------------------------------------


def _lock_for_delivery(project: Project, actor: Any) -> Project:
    locked = Project.objects.select_for_update(of=("self",)).select_related("township").get(pk=project.pk)
    if not runs_delivery(locked, actor):
        raise NotAllowed(_("只有本社区或所属乡镇（街道）可以记录实施情况。"))
    if locked.state != ProjectState.IMPLEMENTING:
        raise ActionError(
            _("项目在实施阶段才能记录进度和支出（当前为“{state}”）。").format(state=locked.get_state_display())
        )
    return locked


@transaction.atomic
def do_add_milestone(
    project: Project, *, actor: Any, title: Any, happened_on: Any, note: Any = "", files: Sequence[Any] = ()
) -> Milestone:
    """A milestone of delivery, with at least one photo as evidence (公开的实施进度)."""
    locked = _lock_for_delivery(project, actor)
    name = clean_text(title, field="title", label=_("进度节点"), limit=100)
    text = clean_text(note, field="note", label=_("说明"), limit=MAX_DESCRIPTION, required=False)
    day = clean_day(happened_on, field="happened_on", label=_("日期"))
    if day > timezone.localdate():
        raise ActionError(_("进度日期不能晚于今天。"), field="happened_on")
    if not list(files):
        raise ActionError(_("请上传至少一张现场照片作为进度证明。"), field="photos")
    checked = check_upload(
        list(files),
        kinds=IMAGES,
        max_bytes=int(settings.PROJECTS_MAX_PHOTO_BYTES),
        max_count=MAX_PHOTOS,
        allowed=PHOTO_ALLOWED,
        noun=_("照片"),
        label=_("现场照片"),
        field="photos",
    )
    with discard_on_error() as stored:
        milestone = Milestone.objects.create(
            project=locked, region_code=locked.region_code, title=name, note=text, happened_on=day, created_by=actor
        )
        for c in checked:
            photo = MilestonePhoto(milestone=milestone, region_code=locked.region_code)
            stored.append(photo.put(c, uploaded_by=actor))
            photo.save()
        audit.record(actor, "projects.milestone.add", locked, after={"milestone": name, "photos": len(checked)})
    return milestone


@transaction.atomic
def do_add_spending(project: Project, *, actor: Any, amount: Any, note: Any, spent_on: Any) -> Spending:
    """A spending line; refused when the lines would exceed the approved budget."""
    locked = _lock_for_delivery(project, actor)
    value = clean_money(amount, field="amount", label=_("支出金额"))
    text = clean_text(note, field="note", label=_("用途"), limit=200)
    day = clean_day(spent_on, field="spent_on", label=_("日期"))
    budget = locked.budget or Decimal(0)
    if locked.spent + value > budget:
        raise ActionError(
            _("支出超出预算：批准预算 {budget} 元，已支出 {spent} 元，本笔 {amount} 元。").format(
                budget=budget, spent=locked.spent, amount=value
            ),
            field="amount",
        )
    line = Spending.objects.create(
        project=locked, region_code=locked.region_code, amount=value, note=text, spent_on=day, created_by=actor
    )
    before = str(locked.spent)
    locked.spent += value
    locked.save(update_fields=["spent", "updated_at"])
    audit.record(actor, "projects.spending.add", locked, before={"spent": before}, after={"spent": str(locked.spent)})
    return line


# --- vote rounds and household codes ---------------------------------------------------------


def code_hash(round_id: int, code: str) -> str:
    """The stored form of a code: keyed (HMAC with the site's secret) and bound to its round, so
    the table alone neither reveals nor lets anyone test codes."""
    normal = re.sub(r"[\s\-]", "", str(code or "")).upper()
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"projects-vote:{round_id}:{normal}".encode(), hashlib.sha256).hexdigest()


def format_code(raw: str) -> str:
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


@transaction.atomic
def do_open_round(
    *,
    actor: Any,
    kind: str,
    title: Any,
    projects: Iterable[Project],
    mode: str = VoteMode.APPROVAL,
    budget: Any = None,
) -> VoteRound:
    """A vote round of the worker's community: a selection among projects under deliberation
    (approval or budget-limited), or the acceptance vote of one delivered project."""
    if not is_community_worker(actor):
        raise NotAllowed(_("只有社区工作者可以发起投票。"))
    community = actor.org
    chosen = list(projects)
    name = clean_text(title, field="title", label=_("投票名称"), limit=100)
    if kind not in RoundKind.values or mode not in VoteMode.values:
        raise ActionError(_("请选择投票类型和方式。"), field="kind")
    wanted = ProjectState.DELIBERATING if kind == RoundKind.SELECT else ProjectState.ACCEPTING
    if not chosen:
        raise ActionError(_("请选择参与投票的项目。"), field="projects")
    for p in chosen:
        if p.community_id != community.pk or p.state != wanted:
            raise ActionError(
                _("“{title}”不是本社区处于“{state}”阶段的项目。").format(title=p.title, state=wanted.label),
                field="projects",
            )
    if kind == RoundKind.ACCEPT and len(chosen) != 1:
        raise ActionError(_("验收投票每轮只针对一个项目。"), field="projects")
    busy = VoteRound.objects.filter(state=RoundState.OPEN, projects__in=chosen).first()
    if busy is not None:
        raise ActionError(_("所选项目已在进行中的投票“{title}”中。").format(title=busy.title), field="projects")
    amount = None
    if kind == RoundKind.SELECT and mode == VoteMode.KNAPSACK:
        amount = clean_money(budget, field="budget", label=_("本轮预算"))
    elif kind == RoundKind.ACCEPT:
        mode = VoteMode.APPROVAL
    vote_round = VoteRound.objects.create(
        community=community,
        region_code=community.region_code,
        kind=kind,
        mode=mode,
        title=name,
        budget=amount,
        created_by=actor,
    )
    vote_round.projects.set(chosen)
    audit.record(actor, "projects.round.open", vote_round, after={"kind": kind, "mode": mode, "projects": len(chosen)})
    return vote_round


@transaction.atomic
def do_issue_codes(vote_round: VoteRound, *, actor: Any, count: Any) -> list[str]:
    """A batch of one-time household codes for an open round. The codes are returned once (for
    the printed sheet); only their keyed hashes are stored."""
    locked = VoteRound.objects.select_for_update().get(pk=vote_round.pk)
    if not is_community_of(locked, actor):
        raise NotAllowed(_("只有本社区的社区工作者可以生成投票码。"))
    if locked.state != RoundState.OPEN:
        raise ActionError(_("投票已计票结束，不能再生成投票码。"))
    try:
        n = int(str(count).strip())
    except (TypeError, ValueError):
        n = 0
    if not 1 <= n <= MAX_CODES - locked.codes_issued:
        raise ActionError(
            _("生成数量须在 1—{max} 之间（本轮最多 {total} 个投票码，已生成 {done} 个）。").format(
                max=max(0, MAX_CODES - locked.codes_issued), total=MAX_CODES, done=locked.codes_issued
            ),
            field="count",
        )
    codes: list[str] = []
    rows = []
    seen: set[str] = set()
    while len(codes) < n:
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        digest = code_hash(locked.pk, raw)
        if digest in seen:
            continue
        seen.add(digest)
        codes.append(format_code(raw))
        rows.append(VoteCode(round=locked, region_code=locked.region_code, code_hash=digest))
    VoteCode.objects.bulk_create(rows, batch_size=2000)
    locked.codes_issued += n
    locked.save(update_fields=["codes_issued"])
    audit.record(actor, "projects.round.codes", locked, after={"issued": n, "total": locked.codes_issued})
    return codes


@transaction.atomic
def do_cast_vote(
    vote_round: VoteRound,
    *,
    code: Any,
    picks: Iterable[Any] = (),
    accept: bool | None = None,
    satisfaction: Any = None,
) -> Ballot:
    """One household's vote with its one-time code (public, no account). A used or forged code,
    a pick outside the round, or picks above the round's budget: refused, nothing saved."""
    locked_round = VoteRound.objects.select_for_update().get(pk=vote_round.pk)
    if locked_round.state != RoundState.OPEN:
        raise ActionError(_("本轮投票已结束。"), field="code")
    raw = re.sub(r"[\s\-]", "", str(code or "")).upper()
    if not raw:
        raise ActionError(_("请输入投票码。"), field="code")
    row = (
        VoteCode.objects.select_for_update()
        .filter(round=locked_round, code_hash=code_hash(locked_round.pk, raw))
        .first()
        if len(raw) == CODE_LENGTH
        else None
    )
    if row is None:
        raise ActionError(_("投票码无效，请核对社区发放的投票码后重试。"), field="code")
    if row.used_at is not None:
        raise ActionError(_("该投票码已经投过票，每户只能投一次。"), field="code")
    ballot = Ballot(round=locked_round, region_code=locked_round.region_code)
    chosen: list[Project] = []
    if locked_round.kind == RoundKind.SELECT:
        try:
            ids = {int(p) for p in picks}
        except (TypeError, ValueError):
            raise ActionError(_("所选项目不正确。"), field="picks") from None
        if not ids:
            raise ActionError(_("请至少选择一个项目。"), field="picks")
        chosen = list(locked_round.projects.filter(pk__in=ids))
        if len(chosen) != len(ids):
            raise ActionError(_("所选项目不在本轮投票中。"), field="picks")
        if locked_round.mode == VoteMode.KNAPSACK:
            total = sum((p.estimated_cost for p in chosen), Decimal(0))
            if locked_round.budget is not None and total > locked_round.budget:
                raise ActionError(
                    _("所选项目估算合计 {total} 元，超过本轮预算 {budget} 元，请减少选择。").format(
                        total=total, budget=locked_round.budget
                    ),
                    field="picks",
                )
    else:
        if accept is None:
            raise ActionError(_("请选择是否同意验收。"), field="accept")
        try:
            score = int(satisfaction)
        except (TypeError, ValueError):
            score = 0
        if not 1 <= score <= 5:
            raise ActionError(_("请选择满意度（1—5 分）。"), field="satisfaction")
        ballot.accept, ballot.satisfaction = bool(accept), score
    ballot.save()
    Pick.objects.bulk_create([Pick(ballot=ballot, round=locked_round, project=p) for p in chosen])
    row.used_at = timezone.now()
    row.save(update_fields=["used_at"])
    locked_round.ballots += 1
    locked_round.save(update_fields=["ballots"])
    # No code and no address in the log: the vote stays secret.
    audit.record(None, "projects.vote.cast", locked_round, org=locked_round.community)
    return ballot


def count_round(vote_round: VoteRound) -> dict[str, Any]:
    """The tally of a round, counted by the database (one grouped query per kind)."""
    if vote_round.kind == RoundKind.SELECT:
        counts = dict(
            Pick.objects.filter(round=vote_round)
            .values_list("project")
            .annotate(n=Count("id"))
            .values_list("project", "n")
        )
        return {"votes": {p.pk: counts.get(p.pk, 0) for p in vote_round.projects.all()}}
    agg = Ballot.objects.filter(round=vote_round).aggregate(
        yes=Count("id", filter=models_q(accept=True)),
        no=Count("id", filter=models_q(accept=False)),
        total=Sum("satisfaction"),
        n=Count("satisfaction"),
    )
    avg = (Decimal(agg["total"]) / agg["n"]).quantize(Decimal("0.01")) if agg["n"] else None
    return {"yes": agg["yes"], "no": agg["no"], "satisfaction": avg}


def models_q(**kw: Any) -> Any:
    from django.db.models import Q

    return Q(**kw)


@transaction.atomic
def do_close_round(vote_round: VoteRound, *, actor: Any) -> VoteRound:
    """Close a round and count it: the tally per project (评议), or acceptance and satisfaction (验收)."""
    locked = VoteRound.objects.select_for_update().get(pk=vote_round.pk)
    if not is_community_of(locked, actor):
        raise NotAllowed(_("只有本社区的社区工作者可以结束投票。"))
    if locked.state != RoundState.OPEN:
        raise ActionError(_("本轮投票已经计票。"))
    result = count_round(locked)
    if locked.kind == RoundKind.SELECT:
        Tally.objects.bulk_create([Tally(round=locked, project_id=pk, votes=n) for pk, n in result["votes"].items()])
        for pk, n in result["votes"].items():
            Project.objects.filter(pk=pk).update(votes=n)
        facts: dict[str, Any] = {"votes": {str(k): v for k, v in result["votes"].items()}}
    else:
        (project,) = locked.projects.all()
        Project.objects.filter(pk=project.pk).update(
            accept_yes=result["yes"], accept_no=result["no"], satisfaction=result["satisfaction"]
        )
        facts = {"yes": result["yes"], "no": result["no"], "satisfaction": str(result["satisfaction"])}
    locked.state, locked.closed_at = RoundState.CLOSED, timezone.now()
    locked.save(update_fields=["state", "closed_at"])
    audit.record(actor, "projects.round.close", locked, before={"state": "open"}, after={"state": "closed", **facts})
    return locked
