"""Writes of the forms registry: registering a form (报备), reusing fields, merging look-alikes,
the department's layout, base data, submissions, the township's schedule, demands and caps."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.admission.actions import do_create_application
from jianfu.admission.selectors import applications_for
from jianfu.burden.actions import do_record_entry
from jianfu.catalog.choices import Category
from jianfu.catalog.selectors import current_items
from jianfu.core import audit, guards
from jianfu.core.errors import ActionError, NotAllowed, NotFound
from jianfu.core.files import check_upload, discard_on_error
from jianfu.core.numbering import next_number
from jianfu.notify.actions import notify_on_commit
from jianfu.notify.choices import Kind
from jianfu.orgs import tree
from jianfu.orgs.choices import OrgKind, Role
from jianfu.orgs.models import Org
from jianfu.orgs.scoping import in_scope
from jianfu.supervision.actions import do_open_case
from jianfu.supervision.choices import CaseSource

from . import matcher, prefill
from .basedata import BY_KEY
from .choices import CAPPED_LEVELS, DEFAULT_CAP, PERSONAL, DemandBreach, FormState, Granularity, ScheduleState
from .models import (
    MINUTES_PER_CHECK,
    MINUTES_PER_FIELD,
    BaseFact,
    Demand,
    FormCap,
    FormDef,
    FormField,
    FormLayout,
    Schedule,
    ScheduleEntry,
    Submission,
)
from .permissions import can_merge, can_register, can_schedule, is_community_worker, is_owner
from .selectors import active_q, county_fields, due_dates_for, effective_state, entries_of
from .validation import clean_due_dates, clean_form, clean_value

NUMBER_KIND = "formsreg.form"
FORM_FIELDS = ["title", "year", "frequency_count", "frequency_unit", "due_dates", "basis", "basis_level", "state"]
MAX_LAYOUT_BYTES = 5 * 1024 * 1024


def county_prefix(org: Org) -> str:
    return tree.county_code(org.division.region_code)


def _list_item(actor: Any, code: str) -> Any:
    item = current_items(actor.org).exclude(category=Category.NEGATIVE).filter(code=code).first()
    if item is None:
        raise ActionError(
            _("未在本县现行清单中找到编号为“{code}”的事项。").format(code=code[:32]), field="list_item_code"
        )
    return item


def _application(actor: Any, values: dict[str, Any], data: dict[str, Any]) -> Any:
    """The admission application a form without a list item rests on: one named by the officer,
    or a new draft made from the form (一事一报: one application per form)."""
    app_id = data.get("application_id")
    if app_id not in (None, ""):
        app = applications_for(actor).filter(pk=app_id).first() if str(app_id).isdigit() else None
        if app is None:
            raise ActionError(_("未找到该准入申请。"), field="application_id")
        if FormDef.objects.filter(application=app).exists():
            raise ActionError(_("该准入申请已用于另一张表格：一张表格一份申请（一事一报）。"), field="application_id")
        return app
    year = values["year"]
    fields = values["fields"]
    return do_create_application(
        actor=actor,
        data={
            "kind": "adhoc", "affairs": data.get("affairs") or "government",
            "title": _("填报表格：{title}").format(title=values["title"])[:200],
            "description": _("请社区填报“{title}”，共 {n} 个指标：{names}。").format(
                title=values["title"], n=len(fields), names="、".join(f["name"] for f in fields[:20]))[:2000],
            "basis": values["basis"], "category": Category.FORM, "frequency_count": str(values["frequency_count"]),
            "frequency_unit": values["frequency_unit"],
            "minutes_per_occurrence": str(int(MINUTES_PER_FIELD * len(fields))),
            "funding_amount": str(data.get("funding_amount") or ""),
            "funding_source": str(data.get("funding_source") or ""),
            "target_scope": "all", "applies_to": "both",
            "start_date": dt.date(year, 1, 1).isoformat(), "end_date": dt.date(year, 12, 31).isoformat(),
        },
    )  # fmt: skip


def _reuse_targets(actor: Any, prefix: str, reuse: dict[Any, Any]) -> dict[int, FormField]:
    ids = {int(k): v for k, v in (reuse or {}).items() if str(k).isdigit() and v not in (None, "", 0)}
    wanted = [int(v) for v in ids.values() if str(v).isdigit()]
    found = {f.pk: f for f in county_fields(prefix).filter(pk__in=wanted)}
    out = {}
    for position, target in ids.items():
        field = found.get(int(target)) if str(target).isdigit() else None
        if field is None:
            raise ActionError(_("第 {i} 个指标要复用的指标不存在或不在本县。").format(i=position), field="reuse")
        out[position] = field
    return out


@transaction.atomic
def do_register_form(*, actor: Any, data: dict[str, Any]) -> FormDef:
    """Register a form (表格报备) with its fields. A form on a list item is in force at once; one
    without goes to admission (a linked application, 待准入). Each field is matched against the
    county's registered fields: ``reuse`` ({position: field id}) reuses the officer's choices;
    with ``auto_reuse`` (default) a field the matcher finds to be the same indicator is reused too,
    so the community fills it once."""
    if not can_register(actor):
        raise NotAllowed(_("只有部门或乡镇经办人可以报备表格。"))
    values = clean_form(data, today=timezone.localdate())
    prefix = county_prefix(actor.org)
    code = str(data.get("list_item_code") or "").strip()
    item = _list_item(actor, code) if code else None
    reuse = _reuse_targets(actor, prefix, data.get("reuse") or {})
    application = None if item is not None else _application(actor, values, data)
    fields = values.pop("fields")
    form = FormDef.objects.create(
        region_code=actor.org.division.region_code, owner_org=actor.org, registered_by=actor,
        list_item=item, application=application, state=FormState.ACTIVE if item else FormState.PENDING,
        number=next_number(prefix, NUMBER_KIND, values["year"]), **values,
    )  # fmt: skip
    lexicon = matcher.lexicon_for(prefix)
    index = matcher.FieldIndex(
        (matcher.FieldSpec(f.name, f.unit, f.definition, f) for f in county_fields(prefix, exclude_form=form)),
        lexicon,
    )
    rows = []
    for f in fields:
        target = reuse.get(f["position"])
        if target is None and data.get("auto_reuse", True):
            best = index.match(
                matcher.FieldSpec(f["name"], f["unit"], f["definition"]), threshold=matcher.SAME, limit=1
            )
            target = best[0].ref if best else None
        base = matcher.base_key_of(f["name"], lexicon)
        if base and f["unit"] and matcher.unit_of(f["unit"]) != matcher.unit_of(BY_KEY[base].unit):
            base = ""
        concept = target.concept if target is not None else base
        rows.append(FormField(form=form, region_code=form.region_code, reuse_of=target, concept=concept, **f))
    FormField.objects.bulk_create(rows)
    own = list(FormField.objects.filter(form=form, concept=""))
    for field in own:
        field.concept = f"f{field.pk}"
    FormField.objects.bulk_update(own, ["concept"])
    # Rules on content sent down (a department assessing or ranking communities, seed 000)
    guards.check_sent(actor=actor, kind="form", title=form.title, description=form.purpose, obj=form)
    audit.record(
        actor, "formsreg.form.register", form, after={**audit.snapshot(form, FORM_FIELDS), "fields": len(fields)}
    )
    return form


@transaction.atomic
def do_choose_reuse(field: FormField, *, actor: Any, reuse_of: FormField | None) -> FormField:
    """The officer's choice for one field: reuse what another form already collects (the community
    fills it once), or keep it as the form's own indicator."""
    if not is_owner(actor, field.form):
        raise NotAllowed(_("只有报备单位可以修改表格的指标。"))
    if reuse_of is not None and (reuse_of.form_id == field.form_id or not in_scope(actor, reuse_of.region_code)):
        raise ActionError(_("只能复用本县其他表格的指标。"), field="reuse_of")
    before = {"reuse_of": field.reuse_of_id, "concept": field.concept}
    field.reuse_of = reuse_of
    base = matcher.base_key_of(field.name, matcher.lexicon_for(field.region_code))
    field.concept = reuse_of.concept if reuse_of is not None else (base or f"f{field.pk}")
    field.save(update_fields=["reuse_of", "concept"])
    audit.record(actor, "formsreg.field.reuse", field.form, before=before,
                 after={"field": field.name, "reuse_of": field.reuse_of_id, "concept": field.concept})  # fmt: skip
    return field


@transaction.atomic
def do_merge_forms(keep: FormDef, drop: FormDef, *, actor: Any) -> FormDef:
    """Merge a look-alike form into another (合并同类表格): ``drop`` stops being in force, its
    fields that ``keep`` does not already collect are added to ``keep``, so communities fill one
    form where they filled two. Only the county's 民政/组织 merge."""
    if not can_merge(actor, keep) or not can_merge(actor, drop):
        raise NotAllowed(_("只有本县民政/组织部门可以合并表格。"))
    if keep.pk == drop.pk:
        raise ActionError(_("不能把表格合并到它自己。"), field="drop")
    if effective_state(keep) != FormState.ACTIVE or effective_state(drop) != FormState.ACTIVE:
        raise ActionError(_("只能合并在用的表格。"), field="drop")
    locked = FormDef.objects.select_for_update().get(pk=drop.pk)
    have = set(keep.fields.values_list("concept", flat=True))
    position = keep.fields.count()
    added = []
    for field in locked.fields.order_by("position"):
        if field.concept in have:
            continue
        have.add(field.concept)
        position += 1
        added.append(FormField(form=keep, region_code=keep.region_code, position=position, name=field.name,
                               type=field.type, unit=field.unit, definition=field.definition,
                               granularity=field.granularity, choices=field.choices, min_value=field.min_value,
                               max_value=field.max_value, concept=field.concept, reuse_of=field))  # fmt: skip
    FormField.objects.bulk_create(added)
    locked.state, locked.merged_into, locked.retired_at = FormState.MERGED, keep, timezone.now()
    locked.save(update_fields=["state", "merged_into", "retired_at"])
    ScheduleEntry.objects.filter(form=locked, schedule__state=ScheduleState.DRAFT).delete()
    audit.record(
        actor, "formsreg.form.merge", keep, after={"merged": locked.pk, "title": locked.title, "added": len(added)}
    )
    owners = tree.officers(locked.owner_org, [Role.DEPT_OFFICER, Role.TOWNSHIP_OFFICER])
    notify_on_commit(list(owners), title=_("“{a}”已并入“{b}”").format(a=locked.title, b=keep.title),
                     url=reverse("formsreg:detail", args=[keep.pk]), region_code=keep.region_code)  # fmt: skip
    return keep


@transaction.atomic
def do_upload_layout(form: FormDef, *, actor: Any, upload: Any) -> FormLayout:
    """The department's own xlsx layout (表样); the filled form exports into it."""
    if not is_owner(actor, form):
        raise NotAllowed(_("只有报备单位可以上传表样。"))
    uploads = check_upload(upload, kinds=["xlsx"], max_bytes=MAX_LAYOUT_BYTES, max_count=1,
                           allowed=_("表样须为 Excel 工作簿（.xlsx）。"), noun=_("表样"), label=_("表样"),
                           field="layout")  # fmt: skip
    checked = uploads[0] if uploads else None
    if checked is None:
        raise ActionError(_("请选择表样文件（.xlsx）。"), field="layout")
    FormLayout.objects.filter(form=form).delete()
    with discard_on_error() as stored:
        layout = FormLayout(form=form, region_code=form.region_code)
        stored.append(layout.put(checked, uploaded_by=actor))
        layout.save()
    audit.record(actor, "formsreg.form.layout", form, after={"layout": layout.original_name})
    return layout


def _base_update(community: Org, key: str, value: str, *, actor: Any, source: Org | None, form: FormDef | None) -> None:
    fact = BaseFact.objects.filter(community=community, key=key).first()
    if fact is None:
        BaseFact.objects.create(region_code=community.region_code, community=community, key=key, value=value,
                                source_org=source, source_form=form, updated_by=actor)  # fmt: skip
    elif fact.value != value or fact.source_form_id != (form.pk if form else None):
        fact.value, fact.updated_by = value, actor
        if form is not None:
            fact.source_form = form
        if source is not None:
            fact.source_org = source
        fact.save()


@transaction.atomic
def do_set_base_data(community: Org, *, actor: Any, values: dict[str, Any]) -> int:
    """The community keeps its base data (社区基础信息) up to date; returns how many changed."""
    if not (is_community_worker(actor) and actor.org_id == community.pk):
        raise NotAllowed(_("只有本社区工作者可以维护社区基础信息。"))
    errors, clean = [], {}
    for key, raw in values.items():
        base = BY_KEY.get(key)
        if base is None:
            continue
        probe = FormField(name=str(base.name), type=base.type, min_value=Decimal(0))
        try:
            clean[key] = clean_value(probe, raw)
        except ValueError as exc:
            errors.append({"field": key, "message": str(exc)})
    if errors:
        raise ActionError("；".join(e["message"] for e in errors), field=errors[0]["field"], errors=errors)
    old = {f.key: f.value for f in BaseFact.objects.filter(community=community, key__in=list(clean))}
    changed = {k: v for k, v in clean.items() if v != "" and old.get(k) != v}
    for key, value in changed.items():
        _base_update(community, key, value, actor=actor, source=community, form=None)
    if changed:
        audit.record(actor, "formsreg.base.update", community, before={k: old.get(k) for k in changed}, after=changed)
    return len(changed)


@transaction.atomic
def do_submit(form: FormDef, *, actor: Any, due_date: Any, values: dict[str, Any]) -> Submission:
    """A community's filled form for one due date. Every value is checked against its field
    (type, range); pre-filled values the worker kept count as pre-filled; every value then
    updates the community's base data for the next form (一数一源), and the time it took goes
    to the burden ledger as a form filled."""
    if not is_community_worker(actor):
        raise NotAllowed(_("只有社区工作者可以填报。"))
    community = actor.org
    if effective_state(form) != FormState.ACTIVE:
        raise ActionError(_("该表格未报备或尚未准入，社区无需填报，可向监督部门反映。"), field="form")
    owed = due_dates_for(form, community)
    try:
        due = dt.date.fromisoformat(str(due_date)) if due_date not in (None, "") else (owed[0] if owed else None)
    except ValueError:
        raise ActionError(_("报送日期格式应为 2026-03-31。"), field="due_date") from None
    if due is None or due not in owed:
        raise ActionError(_("该表在本社区没有这一报送日期：未列入乡镇年度计划、也没有部门索表的，无需填报。"),
                          field="due_date")  # fmt: skip
    if Submission.objects.filter(form=form, community=community, due_date=due).exists():
        raise ActionError(_("该期已填报。"), field="due_date")
    fields = list(form.fields.order_by("position"))
    offered = {p.field.pk: p.value for p in prefill.prefill(form, community).items if p.value != ""}
    clean, kept, errors = {}, [], []
    for field in fields:
        raw = values.get(str(field.pk), values.get(field.name))
        try:
            value = clean_value(field, raw)
        except ValueError as exc:
            errors.append({"field": str(field.pk), "message": str(exc)})
            continue
        if value == "" and field.granularity == Granularity.COMMUNITY:
            errors.append({"field": str(field.pk), "message": _("请填写“{name}”。").format(name=field.name)})
        clean[str(field.pk)] = value
        if value != "" and offered.get(field.pk) == value:
            kept.append(field.pk)
    if errors:
        raise ActionError("；".join(e["message"] for e in errors[:5]), field=errors[0]["field"], errors=errors)
    minutes = math.ceil(MINUTES_PER_FIELD * (len(fields) - len(kept)) + MINUTES_PER_CHECK * len(kept)) or 1
    sub = Submission.objects.create(region_code=community.region_code, form=form, community=community, due_date=due,
                                    values=clean, offered=sorted(offered), prefilled=kept, minutes=minutes,
                                    submitted_by=actor)  # fmt: skip
    for field in fields:
        value = clean[str(field.pk)]
        if value != "" and field.granularity not in PERSONAL:
            _base_update(community, field.concept, value, actor=actor, source=form.owner_org, form=form)
    # The ledger counts a form as listed when it cites a current 填报表格 item (burden's rule).
    linked = form.list_item if form.list_item_id else None
    item = linked if linked is not None and linked.category == Category.FORM else None
    do_record_entry(actor=actor, kind="form", community=community, source_org=form.owner_org,
                    occurred_on=timezone.localdate(), minutes=minutes, listed=item is not None,
                    list_item=item, source_obj=sub, note=form.title[:500])  # fmt: skip
    audit.record(actor, "formsreg.submission.submit", sub, after={"form": form.pk, "due": due, "prefilled": len(kept)})
    return sub


# The township's annual schedule ---------------------------------------------------------------


def caps_of(county_code: str) -> dict[str, int]:
    caps: dict[str, int] = {str(level): DEFAULT_CAP for level in CAPPED_LEVELS}
    caps.update(dict(FormCap.objects.filter(region_code=county_code).values_list("level", "limit")))
    return caps


@transaction.atomic
def do_set_cap(county: Org, *, actor: Any, level: str, limit: Any) -> FormCap:
    """Set how many forms of its own decision a level may add (seed 003: 3–5)."""
    if not (getattr(actor, "role", None) == Role.LIST_OWNER and in_scope(actor, county.region_code)):
        raise NotAllowed(_("只有本县民政/组织部门可以设置表格限额。"))
    if county.kind != OrgKind.COUNTY:
        raise ActionError(_("限额按县（区）设置。"))
    if level not in CAPPED_LEVELS:
        raise ActionError(_("只能为县（区）级和乡镇（街道）级设置限额。"), field="level")
    try:
        limit = int(str(limit).strip())
        if not 0 <= limit <= 20:
            raise ValueError
    except ValueError:
        raise ActionError(_("限额须为 0 至 20 的整数。"), field="limit") from None
    cap, _created = FormCap.objects.update_or_create(region_code=county.region_code, level=level,
                                                     defaults={"limit": limit})  # fmt: skip
    audit.record(actor, "formsreg.cap.set", county, after={"level": level, "limit": limit})
    return cap


def _schedule(township: Org, year: int) -> Schedule:
    schedule, _created = Schedule.objects.get_or_create(township=township, year=year,
                                                        defaults={"region_code": township.region_code})  # fmt: skip
    return Schedule.objects.select_for_update().get(pk=schedule.pk)


@transaction.atomic
def do_schedule_form(township: Org, form: FormDef, *, actor: Any, year: int, due_dates: Any = None) -> ScheduleEntry:
    """Put a form in force into the township's annual schedule, with its due dates that year."""
    if not can_schedule(actor, township):
        raise NotAllowed(_("只有本乡镇（街道）经办人可以编制年度报表计划。"))
    schedule = _schedule(township, int(year))
    if schedule.state == ScheduleState.PUBLISHED:
        raise ActionError(_("{y} 年计划已发布，不能再增加表格。").format(y=year), field="form")
    if effective_state(form) != FormState.ACTIVE or not tree.in_division(township, form.region_code):
        raise ActionError(_("只能列入本县在用的表格（已报备且有清单依据或已准入）。"), field="form")  # fmt: skip
    dates = clean_due_dates(due_dates if due_dates not in (None, "", []) else form.due_dates, int(year))
    if not dates:
        raise ActionError(_("请填写该表在 {y} 年的报送日期。").format(y=year), field="due_dates")
    if len(dates) > form.occurrences_per_year:
        raise ActionError(_("报送日期有 {n} 个，超过该表的报备频次（每年 {m} 次）。").format(
            n=len(dates), m=form.occurrences_per_year), field="due_dates")  # fmt: skip
    entry, _created = ScheduleEntry.objects.update_or_create(
        schedule=schedule, form=form, defaults={"region_code": township.region_code,
                                                "due_dates": [d.isoformat() for d in dates]})  # fmt: skip
    audit.record(actor, "formsreg.schedule.add", schedule, after={"form": form.pk, "due_dates": entry.due_dates})
    return entry


@transaction.atomic
def do_unschedule_form(entry: ScheduleEntry, *, actor: Any) -> None:
    if not can_schedule(actor, entry.schedule.township):
        raise NotAllowed(_("只有本乡镇（街道）经办人可以编制年度报表计划。"))
    if entry.schedule.state == ScheduleState.PUBLISHED:
        raise ActionError(_("计划已发布，不能再删除表格。"))
    audit.record(actor, "formsreg.schedule.remove", entry.schedule, after={"form": entry.form_id})
    entry.delete()


def over_cap(schedule: Schedule) -> list[str]:
    """Why the schedule breaks a cap (one message per level), or []."""
    caps = caps_of(tree.county_code(schedule.township.region_code))
    out = []
    for level in CAPPED_LEVELS:
        n = sum(1 for e in entries_of(schedule) if e.form.basis_level == level)
        if n > caps[level]:
            label = _("县（区）级") if level == "county" else _("乡镇（街道）级")
            out.append(_("{label}自定表格 {n} 张，超过限额 {cap} 张。").format(label=label, n=n, cap=caps[level]))
    return out


@transaction.atomic
def do_publish_schedule(schedule: Schedule, *, actor: Any) -> Schedule:
    """Publish the township's one schedule for the year; its communities see their calendar."""
    if not can_schedule(actor, schedule.township):
        raise NotAllowed(_("只有本乡镇（街道）经办人可以发布年度报表计划。"))
    locked = Schedule.objects.select_for_update().get(pk=schedule.pk)
    if locked.state == ScheduleState.PUBLISHED:
        raise ActionError(_("该计划已发布。"))
    if not locked.entries.exists():
        raise ActionError(_("计划中还没有表格。"))
    problems = over_cap(locked)
    if problems:
        raise ActionError("；".join(problems) + _("请先合并或删减。"))
    locked.state, locked.published_at = ScheduleState.PUBLISHED, timezone.now()
    locked.save(update_fields=["state", "published_at"])
    audit.record(
        actor, "formsreg.schedule.publish", locked, after={"year": locked.year, "forms": locked.entries.count()}
    )
    workers = tree.officers(tree.grassroots_of(locked.township), Role.COMMUNITY_WORKER)
    notify_on_commit(list(workers), title=_("{t}{y}年度报表计划已发布").format(t=locked.township.name, y=locked.year),
                     url=reverse("formsreg:calendar"), region_code=locked.region_code)  # fmt: skip
    return locked


@transaction.atomic
def do_demand_form(form: FormDef, *, actor: Any, township: Org, due_date: Any) -> Demand:
    """A department asks a township's communities to fill its form by a date (索表). Outside the
    township's published schedule, or beyond the form's registered frequency, or for a form not in
    force, it is a breach: recorded, and reported to supervision."""
    if not is_owner(actor, form):
        raise NotAllowed(_("只有报备单位可以要求社区填报本表。"))
    if township.kind != OrgKind.TOWNSHIP or not tree.in_division(township, form.region_code):
        raise NotFound(_("未找到该乡镇（街道）。"))
    try:
        due = dt.date.fromisoformat(str(due_date))
    except ValueError:
        raise ActionError(_("报送日期格式应为 2026-03-31。"), field="due_date") from None
    if due < timezone.localdate():
        raise ActionError(_("报送日期不能早于今天。"), field="due_date")
    schedule = Schedule.objects.filter(township=township, year=due.year, state=ScheduleState.PUBLISHED).first()
    entry = schedule.entries.filter(form=form).first() if schedule else None
    count = Demand.objects.filter(form=form, township=township, due_date__year=due.year).count()
    if effective_state(form) != FormState.ACTIVE:
        breach = DemandBreach.NOT_ACTIVE
    elif entry is None or (due.isoformat() not in entry.due_dates and count >= len(entry.due_dates)):
        breach = DemandBreach.OUTSIDE_SCHEDULE
    elif count >= form.occurrences_per_year:
        breach = DemandBreach.OVER_FREQUENCY
    else:
        breach = DemandBreach.NONE
    demand = Demand.objects.create(region_code=township.region_code, form=form, township=township, due_date=due,
                                   demanded_by=actor, breach=breach)  # fmt: skip
    if breach:
        case = do_open_case(
            actor=actor, source=CaseSource.BREACH, region_code=township.region_code,
            title=_("{dept}违规索表：{form}（{why}）").format(dept=form.owner_org.name, form=form.title,
                                                          why=demand.get_breach_display())[:200],
            description=_("报送日期 {d}；乡镇：{t}。").format(d=due.isoformat(), t=township.name),
            rule_ref=_("社区填报表格须列入乡镇年度报表计划，按报备频次填报（一表通）"),
            department=form.owner_org, source_obj=demand,
        )  # fmt: skip
        Demand.objects.filter(pk=demand.pk).update(case_id=case.pk)
        demand.case_id = case.pk
    audit.record(actor, "formsreg.demand.create", demand, after={"form": form.pk, "due": due, "breach": breach})
    workers = tree.officers(tree.grassroots_of(township), Role.COMMUNITY_WORKER)
    notify_on_commit(list(workers), title=_("{dept}要求填报：{form}").format(dept=form.owner_org.name, form=form.title),
                     url=reverse("formsreg:calendar"), region_code=township.region_code)  # fmt: skip
    return demand


@transaction.atomic
def do_report_unregistered(*, actor: Any, title: Any, department: Org | None, description: Any = "") -> Any:
    """A community reports a form it received that is not in the registry (未报备的表格):
    it goes to supervision; the community need not fill it."""
    if not is_community_worker(actor):
        raise NotAllowed(_("只有社区工作者可以反映未报备的表格。"))
    title = str(title or "").strip()
    description = str(description or "").strip()
    if not title:
        raise ActionError(_("请填写收到的表格名称。"), field="title")
    if len(title) > 150 or len(description) > 2000:
        raise ActionError(_("表格名称不超过 150 字，说明不超过 2000 字。"), field="title")
    if department is not None and not tree.in_division(actor.org, department):
        raise ActionError(_("要求填报的单位须为本社区的上级单位或其部门。"), field="department")
    registered = FormDef.objects.within(county_prefix(actor.org)).filter(active_q(), title=title).first()
    if registered is not None:
        raise ActionError(_("“{t}”已报备，请在报表日历中填报。").format(t=title), field="title")
    return do_open_case(
        actor=actor, source=CaseSource.WORKER_REPORT, region_code=actor.org.region_code,
        title=_("社区收到未报备的表格：{t}").format(t=title)[:200],
        description=description, rule_ref=_("未经报备的表格，社区一律不填（一表通）"),
        community=actor.org, department=department,
    )  # fmt: skip


def do_send_reminders(*, today: dt.date | None = None, days: int = 7) -> int:
    """Remind each community of a scheduled form due within ``days`` and not yet submitted
    (run daily by the scheduler; deduplicated per form, community and due date)."""
    from .selectors import calendar_of

    today = today or timezone.localdate()
    sent = 0
    townships = Schedule.objects.filter(state=ScheduleState.PUBLISHED, year=today.year).select_related("township")
    for schedule in townships:
        for community in tree.grassroots_of(schedule.township):
            workers = list(tree.officers(community, Role.COMMUNITY_WORKER))
            for row in calendar_of(community, today.year):
                if row["submission"] is None and today <= row["due"] <= today + dt.timedelta(days=days):
                    notify_on_commit(workers, title=_("{d} 前报送：{f}").format(d=row["due"].isoformat(),
                                     f=row["form"].title), url=reverse("formsreg:calendar"),
                                     region_code=community.region_code,
                                     dedupe_key=f"formsreg:due:{row['form'].pk}:{community.pk}:{row['due']}",
                                     kind=Kind.DEADLINE,
                                     )  # fmt: skip
                    sent += 1
    return sent
