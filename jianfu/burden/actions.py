"""Writes to the burden ledger. Each checks permission, validates, changes state, keeps the
rollups in step (same transaction) and audits itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.catalog.citations import cite
from jianfu.catalog.models import ListItem
from jianfu.catalog.selectors import current_items
from jianfu.core import audit, events
from jianfu.core.errors import ActionError, NotAllowed, NotFound
from jianfu.orgs.choices import GRASSROOTS_KINDS
from jianfu.orgs.models import Org
from jianfu.supervision.actions import do_open_case
from jianfu.supervision.choices import CaseSource

from . import rollups
from .choices import DEFAULT_RULES, EVENT_KINDS, Kind, RuleCode
from .models import Breach, Event, LedgerEntry, LimitRule
from .permissions import can_record_for, can_set_rules, conveners_for
from .rules import Finding, evaluate, level_of, precheck_event

ENTRY_FIELDS = ["community", "source_org", "kind", "occurred_on", "minutes", "listed", "list_item", "note"]
MAX_MINUTES = 24 * 60 * 7  # one occurrence takes at most a week of one person's time
MAX_CERT_TYPE = 100  # LedgerEntry.cert_type max_length: longer is refused, never cut silently
EARLIEST = dt.date(2000, 1, 1)
# Which list (catalog category) an entry of each kind may cite.
KIND_CATEGORIES: dict[str, tuple[str, ...]] = {
    Kind.FORM: ("form",),
    Kind.PLAQUE: ("mechanism",),
    Kind.APP: ("system",),
    Kind.CERTIFICATE: ("certificate",),
    Kind.ASSESSMENT: ("evaluation",),
    Kind.TASK: ("duty", "assist", "service"),
    Kind.LEDGER: ("duty", "assist", "service", "form"),
}

events.register("burden.entry.record", "记录负担台账")
events.register("burden.entry.correct", "更正负担台账")
events.register("burden.event.record", "登记会议/检查")
events.register("burden.breach.record", "记录超限")
events.register("burden.breach.update", "超限次数更新")
events.register("burden.rule.set", "调整限额规则")
events.register("burden.import", "导入负担台账")


def future_horizon_days() -> int:
    """How far ahead an entry may be dated (a planned meeting); JIANFU_LEDGER_HORIZON_DAYS."""
    return int(settings.BURDEN_HORIZON_DAYS)


def _check_date(day: Any) -> dt.date:
    if not isinstance(day, dt.date):
        raise ActionError(_("请填写正确的日期（年-月-日）。"), field="occurred_on")
    if isinstance(day, dt.datetime):
        day = day.date()
    latest = timezone.localdate() + dt.timedelta(days=future_horizon_days())
    if day > latest:
        raise ActionError(
            _("日期不能晚于 {latest:%Y-%m-%d}（最多提前 {future_horizon_days} 天登记）。").format(
                latest=latest, future_horizon_days=future_horizon_days()
            ),
            field="occurred_on",
        )
    if day < EARLIEST:
        raise ActionError(_("日期不能早于 {EARLIEST:%Y-%m-%d}。").format(EARLIEST=EARLIEST), field="occurred_on")
    return day


def _check_minutes(minutes: Any) -> int:
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise ActionError(_("用时须为整数分钟。"), field="minutes")
    if minutes < 0:
        raise ActionError(_("用时不能为负数。"), field="minutes")
    if minutes > MAX_MINUTES:
        raise ActionError(_("单次用时不能超过 {MAX_MINUTES} 分钟。").format(MAX_MINUTES=MAX_MINUTES), field="minutes")
    return minutes


def _check_source(source_org: Org, community: Org) -> None:
    """The org that caused an entry sits above the community (or is the community itself)."""
    if not community.region_code.startswith(source_org.region_prefix) or not source_org.is_active:
        raise ActionError(_("来源单位须为该社区的上级单位或其部门。"), field="source_org")


def _check_item(kind: str, list_item: ListItem | None, community: Org) -> None:
    if list_item is None:
        return
    categories = KIND_CATEGORIES.get(kind, ())
    if list_item.category not in categories or not current_items(community).filter(pk=list_item.pk).exists():
        raise ActionError(_("所选清单事项不在该社区现行清单的相应类别中。"), field="list_item")
    if kind == Kind.CERTIFICATE and list_item.cert_kind == "forbidden":
        raise ActionError(_("该证明属于不得要求社区出具的证明。"), field="list_item")


def _listed_for(kind: str, listed: bool | None, list_item: ListItem | None) -> bool | None:
    # Forms, plaques, apps and certificates are "listed" exactly when they cite a current list item.
    if kind in (Kind.FORM, Kind.PLAQUE, Kind.APP, Kind.CERTIFICATE):
        return list_item is not None
    if list_item is not None:
        return True
    return listed


# A breach cites at most this many ledger entries (the latest); the count says how many there were.
MAX_CITED_ENTRIES = 50


def _record_breaches(
    findings: list[Finding], *, actor: Any, reason: str = "", event: Event | None = None
) -> list[Breach]:
    """Turn findings into breach records, each handed to supervision as a case."""
    breaches = []
    for f in findings:
        cited = list(f.entries)[-MAX_CITED_ENTRIES:]
        # One breach (and one case) per rule, community, unit and period: a 6th meeting in the same
        # month updates the 5th's breach instead of opening a second case.
        existing = (
            Breach.objects.select_for_update()
            .filter(rule=f.rule, community=f.community, department=f.department, period=f.period)
            .exclude(period="")
            .first()
        )
        if existing is not None:
            before = {"count": existing.count}
            existing.count = max(existing.count, f.count)
            if reason and reason not in existing.reason:
                existing.reason = f"{existing.reason}；{reason}" if existing.reason else reason
            existing.save(update_fields=["count", "reason"])
            existing.entries.add(*cited)
            audit.record(
                actor, "burden.breach.update", existing, before=before, after={"count": existing.count}, reason=reason
            )
            breaches.append(existing)
            continue
        breach = Breach.objects.create(
            region_code=f.community.region_code,
            rule=f.rule,
            rule_code=f.rule.code,
            community=f.community,
            department=f.department,
            occurred_on=f.occurred_on,
            period=f.period,
            count=f.count,
            limit=f.rule.limit,
            description=f.message,
            reason=reason,
            event=event,
        )
        breach.entries.set(cited)
        entry_list = "、".join(f"#{e.pk} {e.occurred_on:%m-%d}" for e in cited[-20:])
        case = do_open_case(
            actor=actor,
            source=CaseSource.BREACH,
            region_code=f.community.region_code,
            title=f"{f.department.name}：{f.rule.title}（{f.community.name}，{f.period}）"[:200],
            description=f"{f.message}。涉及台账：{entry_list}。" + (f"召集方理由：{reason}" if reason else ""),
            rule_ref=f"{f.rule.title}（{cite(f'burden.{f.rule.code}', f.community.region_code).text}）"[:300],
            community=f.community,
            department=f.department,
            source_obj=breach,
        )
        breach.case = case
        breach.save(update_fields=["case"])
        audit.record(
            actor,
            "burden.breach.record",
            breach,
            after={"rule": f.rule.code, "count": f.count, "entries": [e.pk for e in cited]},
            reason=reason,
        )
        breaches.append(breach)
    return breaches


def _new_entry(
    *,
    actor: Any,
    kind: str,
    community: Org,
    source_org: Org,
    occurred_on: dt.date,
    minutes: int,
    listed: bool | None,
    list_item: ListItem | None,
    source_obj: models.Model | None,
    note: str,
    event: Event | None = None,
    cert_type: str = "",
    is_veto: bool = False,
) -> LedgerEntry:
    entry = LedgerEntry.objects.create(
        region_code=community.region_code,
        community=community,
        source_org=source_org,
        source_level=level_of(source_org),
        kind=kind,
        occurred_on=occurred_on,
        minutes=minutes,
        listed=_listed_for(kind, listed, list_item),
        list_item=list_item,
        event=event,
        source_type=source_obj._meta.label_lower if source_obj is not None else "",
        source_id=str(source_obj.pk) if source_obj is not None else "",
        cert_type=cert_type,
        is_veto=is_veto,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
    )
    rollups.add_entry(entry)
    audit.record(actor, "burden.entry.record", entry, after=audit.snapshot(entry, ENTRY_FIELDS))
    return entry


def _validate_common(actor: Any, kind: str, community: Org, source_org: Org, note: str) -> str:
    if kind not in Kind.values:
        raise ActionError(_("请选择类型。"), field="kind")
    if community is None or community.kind not in GRASSROOTS_KINDS:
        raise ActionError(_("请选择社区或村。"), field="community")
    if not can_record_for(actor, community):
        # An out-of-scope community is "not found", never a hint that it exists.
        raise NotFound(_("未找到该社区，或不在您的辖区内。"))
    if source_org is None:
        raise ActionError(_("请选择来源单位。"), field="source_org")
    _check_source(source_org, community)
    note = (note or "").strip()
    if len(note) > 500:
        raise ActionError(_("说明不能超过 500 字。"), field="note")
    return note


@transaction.atomic
def do_record_entry(
    *,
    actor: Any,
    kind: str,
    community: Org,
    source_org: Org,
    occurred_on: dt.date,
    minutes: int,
    listed: bool | None,
    list_item: ListItem | None = None,
    source_obj: models.Model | None = None,
    note: str = "",
    cert_type: str = "",
    is_veto: bool = False,
) -> LedgerEntry:
    """Record one thing that landed on one community (a completed task, a form filled, a
    certificate issued…). Dispatch calls this when a community completes a task (kind "task",
    ``listed`` = whether the task rested on the lists or an approved admission). Any limit the
    entry breaks becomes a breach record and a supervision case in the same transaction."""
    note = _validate_common(actor, kind, community, source_org, note)
    occurred_on = _check_date(occurred_on)
    minutes = _check_minutes(minutes)
    _check_item(kind, list_item, community)
    cert_type = (cert_type or "").strip()
    if len(cert_type) > MAX_CERT_TYPE:
        raise ActionError(
            _("证明类型不能超过 {MAX_CERT_TYPE} 字。").format(MAX_CERT_TYPE=MAX_CERT_TYPE), field="cert_type"
        )
    entry = _new_entry(
        actor=actor,
        kind=kind,
        community=community,
        source_org=source_org,
        occurred_on=occurred_on,
        minutes=minutes,
        listed=listed,
        list_item=list_item,
        source_obj=source_obj,
        note=note,
        cert_type=cert_type,
        is_veto=is_veto,
    )
    _record_breaches(evaluate(entry), actor=actor)
    return entry


@transaction.atomic
def do_correct_entry(
    entry: LedgerEntry, *, actor: Any, occurred_on: dt.date, minutes: int, note: str = "", reason: str = ""
) -> LedgerEntry:
    """Correct the date or minutes of an entry (the rollups move: old values out, new values in)."""
    locked = LedgerEntry.objects.select_for_update().select_related("community").get(pk=entry.pk)
    if not can_record_for(actor, locked.community):
        raise NotFound(_("未找到该台账条目。"))
    if locked.recorded_by_id and actor is not None and locked.recorded_by_id != actor.pk:
        raise NotAllowed(_("只能更正自己登记的台账。"))
    if not (reason or "").strip():
        raise ActionError(_("请填写更正理由。"), field="reason")
    occurred_on = _check_date(occurred_on)
    minutes = _check_minutes(minutes)
    before = audit.snapshot(locked, ["occurred_on", "minutes", "note"])
    rollups.remove_entry_values(rollups.key_of(locked), locked.minutes)
    locked.occurred_on, locked.minutes = occurred_on, minutes
    locked.note = (note or locked.note).strip()[:500]
    locked.save(update_fields=["occurred_on", "minutes", "note", "updated_at"])
    rollups.add_entry(locked)
    audit.record(
        actor,
        "burden.entry.correct",
        locked,
        before=before,
        after=audit.snapshot(locked, ["occurred_on", "minutes", "note"]),
        reason=reason.strip(),
    )
    entry.refresh_from_db()
    return locked


def check_event(*, actor: Any, kind: str, convener: Org, occurred_on: Any, communities: list[Org]) -> list[Finding]:
    """Validate a proposed meeting/inspection and return the limits it would break (saves nothing)."""
    if kind not in EVENT_KINDS:
        raise ActionError(_("只能登记会议或检查。"), field="kind")
    if convener is None or convener.pk not in {o.pk for o in conveners_for(actor)}:
        raise NotAllowed(_("您不能以该单位名义登记会议或检查。"))
    _check_date(occurred_on)
    if not communities:
        raise ActionError(_("请至少选择一个参会/受检的社区或村。"), field="communities")
    for community in communities:
        if community.kind not in GRASSROOTS_KINDS or not can_record_for(actor, community):
            raise NotFound(_("未找到所选社区，或不在您的辖区内。"))
        _check_source(convener, community)
    return precheck_event(kind=kind, convener=convener, occurred_on=occurred_on, communities=communities)


@transaction.atomic
def do_record_event(
    *,
    actor: Any,
    kind: str,
    convener: Org,
    title: str,
    occurred_on: dt.date,
    minutes: int,
    communities: list[Org],
    reason: str = "",
) -> tuple[Event, list[Breach]]:
    """Record a meeting or inspection once for all communities concerned (one ledger entry each).

    When the pre-check finds a limit broken the convener must give a reason to go on; the event is
    then recorded and every broken limit becomes a breach (and a supervision case)."""
    title = (title or "").strip()
    if not title:
        raise ActionError(_("请填写会议/检查名称。"), field="title")
    if len(title) > 200:
        raise ActionError(_("名称不能超过 200 字。"), field="title")
    minutes = _check_minutes(minutes)
    communities = list({c.pk: c for c in communities}.values())
    findings = check_event(actor=actor, kind=kind, convener=convener, occurred_on=occurred_on, communities=communities)
    reason = (reason or "").strip()
    if findings and not reason:
        raise ActionError(
            "登记将超出限额：" + "；".join(f.message for f in findings) + "。如确需继续，请填写理由。",
            field="reason",
        )
    event = Event.objects.create(
        region_code=convener.division.region_code,
        kind=kind,
        convener=convener,
        title=title,
        occurred_on=occurred_on,
        minutes=minutes,
        override_reason=reason if findings else "",
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(
        actor,
        "burden.event.record",
        event,
        after={"kind": kind, "title": title, "communities": [c.pk for c in communities]},
        reason=reason,
    )
    all_findings: list[Finding] = []
    for community in communities:
        entry = _new_entry(
            actor=actor,
            kind=kind,
            community=community,
            source_org=convener,
            occurred_on=occurred_on,
            minutes=minutes,
            listed=None,
            list_item=None,
            source_obj=None,
            note=title,
            event=event,
        )
        all_findings += evaluate(entry)
    breaches = _record_breaches(all_findings, actor=actor, reason=reason, event=event)
    return event, breaches


@transaction.atomic
def do_set_rule(county: Org, *, actor: Any, code: str, limit: int | None, is_active: bool = True) -> LimitRule:
    """A county tightens a limit for its communities (never looser than the default)."""
    if not can_set_rules(actor, county):
        raise NotAllowed(_("只有本县民政、组织部门可以调整限额。"))
    if code not in RuleCode.values:
        raise ActionError(_("未知的规则。"), field="code")
    default_limit, _period, basis = DEFAULT_RULES[code]
    if default_limit is not None and code in (
        RuleCode.COUNTY_MEETINGS,
        RuleCode.TOWNSHIP_MEETINGS,
        RuleCode.TOWNSHIP_INSPECTIONS,
    ):
        if limit is None or limit < 0:
            raise ActionError(_("请填写上限（非负整数）。"), field="limit")
        if limit > default_limit:
            raise ActionError(
                _("本县只能收紧限额，不能高于默认上限 {default_limit} 次。").format(default_limit=default_limit),
                field="limit",
            )
        if not is_active:
            raise ActionError(_("次数限额不能停用，只能收紧。"), field="is_active")
    else:
        limit = default_limit
        if not is_active:
            raise ActionError(_("该规则为全省默认规则，不能停用。"), field="is_active")
    prefix = county.region_prefix
    rule, created = LimitRule.objects.select_for_update().get_or_create(
        region_code=prefix, code=code, defaults={"org": county, "limit": limit, "basis": basis}
    )
    before = None if created else {"limit": rule.limit, "is_active": rule.is_active}
    rule.limit, rule.is_active, rule.org = limit, is_active, county
    rule.save()
    audit.record(actor, "burden.rule.set", rule, org=actor.org, before=before, after={"limit": limit})
    return rule


@transaction.atomic
def do_import_entries(*, actor: Any, upload: Any) -> list[LedgerEntry]:
    """Import a ledger workbook: every row is checked, and if any row is wrong nothing is saved
    (the error lists each row and column in Chinese)."""
    from .imports import parse

    if actor is None or not getattr(actor, "is_authenticated", False):
        raise NotAllowed(_("请先登录。"))
    rows, errors = parse(upload)
    entries: list[LedgerEntry] = []
    if not errors:
        try:
            with transaction.atomic():
                for row in rows:
                    try:
                        entries.append(
                            do_record_entry(
                                actor=actor,
                                kind=row.kind,
                                community=row.community,
                                source_org=row.source_org,
                                occurred_on=row.occurred_on,
                                minutes=row.minutes,
                                listed=None,
                                list_item=row.list_item,
                                note=row.note,
                            )
                        )
                    except ActionError as exc:
                        column = IMPORT_COLUMNS.get(exc.field or "", "")
                        errors.append({"row": row.number, "column": column, "message": exc.message})
                if errors:
                    raise _Rollback
        except _Rollback:
            entries = []
    if errors:
        lines = "；".join(
            f"第 {e['row']} 行{(' ' + e['column']) if e['column'] else ''}：{e['message']}" for e in errors[:20]
        )
        more = f"（另有 {len(errors) - 20} 处）" if len(errors) > 20 else ""
        raise ActionError(_("导入失败，未保存任何数据。{lines}{more}").format(lines=lines, more=more), errors=errors)
    audit.record(actor, "burden.import", None, after={"rows": len(entries)})
    return entries


IMPORT_COLUMNS = {
    "community": "A（社区编码）",
    "kind": "B（类型）",
    "source_org": "C（来源单位编码）",
    "occurred_on": "D（日期）",
    "minutes": "E（用时（分钟））",
    "list_item": "F（清单事项编号）",
    "note": "G（说明）",
}


class _Rollback(Exception):
    """Undo a partly imported workbook."""
