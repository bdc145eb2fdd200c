"""Writes of grid events: report (grid worker, resident), join a duplicate, the route through
community → township → department, the answer and its verification, categories and grids."""

from __future__ import annotations

import datetime as dt
import functools
import secrets
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core import audit
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.core.files import IMAGES, CheckedFile, check_upload, discard_on_error
from jianfu.core.reveal import do_reveal
from jianfu.notify.actions import notify_on_commit
from jianfu.orgs import tree
from jianfu.orgs.actions import can_manage_grids_of
from jianfu.orgs.choices import GRASSROOTS_KINDS, OrgKind, Role
from jianfu.orgs.models import Org, User
from jianfu.supervision.actions import do_open_case
from jianfu.supervision.choices import CaseSource

from . import deadlines, rollups, selectors
from .choices import MAX_REJECTIONS, PhotoKind, Satisfaction, Source, State, Urgency
from .models import Category, Event, GridWorker, Photo, Step
from .permissions import can_configure, is_grid_worker, is_holder
from .transitions import EVENT

TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # read aloud over the phone: no 0/O, 1/I
TRACKING_LENGTH = 12
MAX_DESCRIPTION = 2000
MAX_PHOTOS = 3
PHOTO_ALLOWED = "仅支持照片（JPG/PNG/GIF/WEBP）。"
EVIDENCE_ALLOWED = "仅支持照片（JPG/PNG/GIF/WEBP）和 PDF 文件。"
MAX_WHISTLE_DAYS = 90


def new_tracking_code() -> str:
    while True:
        code = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))
        if not Event.objects.filter(tracking_code=code).exists():
            return code


def check_photos(files: Sequence[Any], *, evidence: bool = False, field: str = "photos") -> list[CheckedFile]:
    return check_upload(
        list(files),
        kinds=(*IMAGES, "pdf") if evidence else IMAGES,
        max_bytes=int(settings.EVENTS_MAX_PHOTO_BYTES),
        max_count=MAX_PHOTOS,
        allowed=EVIDENCE_ALLOWED if evidence else PHOTO_ALLOWED,
        noun=_("照片") if not evidence else _("材料"),
        label=_("照片") if not evidence else _("办理材料"),
        field=field,
    )


def _store(
    stored: list[str], event: Event, checked: list[CheckedFile], kind: str, step: Step | None, actor: Any
) -> None:
    for item in checked:
        photo = Photo(region_code=event.region_code, event=event, step=step, kind=kind)
        stored.append(photo.put(item, uploaded_by=actor if getattr(actor, "is_authenticated", False) else None))
        photo.save()


def _step(
    event: Event,
    action: str,
    label: str,
    actor: Any,
    *,
    to_org: Org | None = None,
    text: str = "",
    from_org: Org | None = None,
) -> Step:
    return Step.objects.create(
        region_code=event.region_code,
        event=event,
        action=action,
        label=label,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        from_org=from_org
        if from_org is not None
        else (actor.org if getattr(actor, "is_authenticated", False) else None),
        to_org=to_org,
        text=text,
    )


def _text(value: Any, field: str, label: str, *, required: bool, limit: int) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ActionError(_("请填写{label}。").format(label=label), field=field)
    if len(text) > limit:
        raise ActionError(_("{label}不能超过 {limit} 字。").format(label=label, limit=limit), field=field)
    return text


def _category(county_code: str, value: Any) -> Category:
    category = None
    if value not in (None, ""):
        qs = Category.objects.within(county_code).filter(is_active=True)
        category = (qs.filter(pk=value).first() if str(value).isdigit() else None) or qs.filter(code=str(value)).first()
    if category is None:
        raise ActionError(_("请从本县的事件分类中选择。"), field="category")
    return category


def _urgency(value: Any, category: Category) -> str:
    if value in (None, ""):
        return category.urgency
    if value not in Urgency.values:
        raise ActionError(_("紧急程度应为：紧急、加急、一般或非紧急。"), field="urgency")
    return str(value)


def _title(description: str) -> str:
    first = description.splitlines()[0] if description else ""
    return first[:40] + ("…" if len(first) > 40 else "")


def grid_for(actor: Any, value: Any) -> Org | None:
    """The grid a worker reports in: one of their community's grids (their assigned ones when
    they have assignments), or None when they name none."""
    if value in (None, ""):
        return None
    community = actor.org
    grids = tree.grids_of(community)
    assigned = list(GridWorker.objects.filter(worker=actor).values_list("grid_id", flat=True))
    value = str(value).strip()
    grid = grids.filter(pk=value).first() if value.isdigit() and len(value) < 12 else grids.filter(code=value).first()
    if grid is None or (assigned and grid.pk not in assigned):
        raise ActionError(_("所选网格不在您负责的网格范围内。"), field="grid")
    return grid


def _clean_report(county_code: str, data: dict[str, Any]) -> dict[str, Any]:
    description = _text(data.get("description"), "description", _("情况描述"), required=True, limit=MAX_DESCRIPTION)
    place = _text(data.get("place"), "place", _("地点"), required=False, limit=200)
    category = _category(county_code, data.get("category"))
    urgency = _urgency(data.get("urgency"), category)
    title = _text(data.get("title"), "title", _("标题"), required=False, limit=100) or _title(description)
    return {"description": description, "place": place, "category": category, "urgency": urgency, "title": title}


def _notify_holder(event: Event, title: str) -> None:
    role = {OrgKind.TOWNSHIP: Role.TOWNSHIP_OFFICER, OrgKind.DEPARTMENT: Role.DEPT_OFFICER}.get(
        OrgKind(event.holder.kind), Role.COMMUNITY_WORKER
    )
    notify_on_commit(
        list(tree.officers(event.holder, role)),
        title=title,
        url=reverse("events:detail", args=[event.pk]),
        region_code=event.region_code,
    )


def _create(*, actor: Any, community: Org, values: dict[str, Any], source: str, **extra: Any) -> Event:
    now = extra.pop("received_at", None) or timezone.now()
    holder = extra.pop("holder", None) or community
    state = extra.pop("state", State.REPORTED)
    event = Event.objects.create(
        region_code=community.region_code,
        tracking_code=new_tracking_code(),
        source=source,
        community=community,
        township=community.parent or community,
        holder=holder,
        state=state,
        received_at=now,
        deadline=extra.pop("deadline", None) or deadlines.deadline_for(values["urgency"], now),
        **values,
        **extra,
    )
    rollups.added([event])
    return event


def duplicates_of(community: Org, grid: Org | None, category: Category, description: str) -> list[Event]:
    return selectors.duplicate_candidates(community, grid, category, description)


def do_report_event(
    *,
    actor: Any,
    data: dict[str, Any],
    files: Sequence[Any] = (),
    micro: bool = False,
    note: str = "",
    confirm_new: bool = False,
) -> Event:
    """A grid worker reports an event from a phone: photo, place (text or grid), category,
    urgency. ``micro``: closed on the spot with ``note`` (微事件). When an open event of the same
    grid and category reads alike, the worker is offered to join it unless ``confirm_new``."""
    if not is_grid_worker(actor):
        raise NotAllowed(_("只有社区（村）网格员可以上报网格事件。"))
    community = actor.org
    county_code = tree.county_code(community.region_code)
    values = _clean_report(county_code, data)
    grid = grid_for(actor, data.get("grid"))
    if grid is None and not values["place"]:
        raise ActionError(_("请选择网格或填写地点。"), field="place")
    note = _text(note, "note", _("现场处置情况"), required=micro, limit=MAX_DESCRIPTION)
    checked = check_photos(files)
    if micro and not checked:
        raise ActionError(_("现场办结的微事件请附处置后的照片。"), field="photos")
    if not micro and not confirm_new:
        similar = duplicates_of(community, grid, values["category"], values["description"])
        if similar:
            raise ActionError(
                _("本网格已有相似的未办结事件（{title}），可直接合并上报；如确属新问题，请确认后再提交。").format(
                    title=similar[0].title
                ),
                field="duplicates",
            )
    with discard_on_error() as stored, transaction.atomic():
        event = _create(actor=actor, community=community, values=values, source=Source.GRID, grid=grid, reporter=actor)
        step = _step(event, "report", _("网格员上报"), actor, to_org=community, text=values["description"])
        _store(stored, event, checked, PhotoKind.REPORT, step, actor)
        audit.record(
            actor, "events.event.report", event, after={"category": values["category"].code, "urgency": event.urgency}
        )
        if micro:
            with rollups.kept(event):
                event = EVENT.apply(event, "close_on_spot", actor=actor, reason=note)
            _step(event, "close_on_spot", _("现场办结"), actor, text=note)
    return event


def do_submit_resident_report(
    *,
    county: Org,
    community: Org | None,
    data: dict[str, Any],
    contact_name: str = "",
    contact_phone: str = "",
    files: Sequence[Any] = (),
) -> Event:
    """A resident's report through the public form (居民反映): the community picks it up and
    calls back; the resident follows it with the tracking code."""
    if county.kind != OrgKind.COUNTY or not county.is_active:
        raise ActionError(_("未找到该县（区）。"))
    if (
        community is None
        or community.kind not in GRASSROOTS_KINDS
        or not community.is_active
        or not tree.in_division(community, county)
    ):
        raise ActionError(_("请选择所在的社区或村。"), field="community")
    values = _clean_report(county.region_prefix, data)
    if not values["place"]:
        raise ActionError(_("请填写发生地点。"), field="place")
    contact_name = _text(contact_name, "contact_name", _("姓名"), required=False, limit=50)
    contact_phone = _text(contact_phone, "contact_phone", _("联系电话"), required=False, limit=30)
    checked = check_photos(files)
    with discard_on_error() as stored, transaction.atomic():
        event = _create(
            actor=None,
            community=community,
            values=values,
            source=Source.RESIDENT,
            contact_name=contact_name,
            contact_phone=contact_phone,
        )
        step = _step(event, "report", _("居民反映"), None, to_org=community, text=values["description"])
        _store(stored, event, checked, PhotoKind.REPORT, step, None)
        # The audit entry names the channel, never the resident.
        audit.record(
            None, "events.event.report", event, after={"source": Source.RESIDENT, "category": values["category"].code}
        )
        _notify_holder(event, _("居民反映：{title}").format(title=event.title))
    return event


def do_join_event(event: Event, *, actor: Any, note: str = "", files: Sequence[Any] = ()) -> Event:
    """A grid worker joins an open event instead of reporting it again (合并上报)."""
    if not is_grid_worker(actor) or actor.org_id != event.community_id:
        raise NotAllowed(_("只能合并到本社区的事件。"))
    if event.state == State.CLOSED:
        raise ActionError(_("该事件已办结，请作为新事件上报。"))
    note = _text(note, "note", _("补充说明"), required=False, limit=MAX_DESCRIPTION)
    checked = check_photos(files)
    with discard_on_error() as stored, transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        locked.supporters += 1
        locked.save(update_fields=["supporters", "updated_at"])
        step = _step(locked, "join", _("合并上报"), actor, text=note)
        _store(stored, locked, checked, PhotoKind.JOIN, step, actor)
        audit.record(actor, "events.event.join", locked, after={"supporters": locked.supporters})
    return locked


def keeping_rollups(action: Callable[..., Event]) -> Callable[..., Event]:
    """An action that moves an event keeps the monthly rollups exact in its transaction."""

    @functools.wraps(action)
    def wrapper(event: Event, *args: Any, **kwargs: Any) -> Event:
        with rollups.kept(event):
            return action(event, *args, **kwargs)

    return wrapper


def _move(
    event: Event, action: str, *, actor: Any, reason: str = "", label: str = "", to_org: Org | None = None
) -> Event:
    from_org = event.holder
    moved = EVENT.apply(event, action, actor=actor, reason=reason)
    edge_label = label or next((e.label for (s, a), e in EVENT.edges.items() if a == action), action)
    _step(moved, action, str(edge_label), actor, from_org=from_org, to_org=to_org, text=reason)
    return moved


@transaction.atomic
@keeping_rollups
def do_escalate(event: Event, *, actor: Any, reason: str) -> Event:
    """The community cannot solve it: up to the township, with the reason (each hop has one)."""
    moved = _move(event, "escalate", actor=actor, reason=reason, to_org=event.township)
    _notify_holder(moved, _("社区上报事件：{title}").format(title=moved.title))
    return moved


def _parse_deadline(value: Any) -> dt.datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time(18, 0))
    else:
        text = str(value).strip().replace("T", " ")
        try:
            moment = (
                dt.datetime.fromisoformat(text)
                if " " in text
                else dt.datetime.combine(dt.date.fromisoformat(text), dt.time(18, 0))
            )
        except ValueError:
            raise ActionError(_("办理时限格式应为 2026-05-01 或 2026-05-01 18:00。"), field="deadline") from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment <= timezone.now():
        raise ActionError(_("办理时限不能早于现在。"), field="deadline")
    if moment > timezone.now() + dt.timedelta(days=MAX_WHISTLE_DAYS):
        raise ActionError(_("办理时限不能超过 {days} 天。").format(days=MAX_WHISTLE_DAYS), field="deadline")
    return moment


@transaction.atomic
@keeping_rollups
def do_whistle(event: Event, *, actor: Any, department: Any, reason: str, deadline: Any = None) -> Event:
    """The township whistles (吹哨) a department of the county: it must report in (报到) with an
    answer by the deadline (the event's own, or a later one the township sets)."""
    if not is_holder(actor, event):
        raise NotAllowed(_("只有当前承办的乡镇可以派单。"))
    county_code = tree.county_code(event.region_code)
    dept = None
    if department not in (None, ""):
        dept = department if isinstance(department, Org) else None
        if dept is None and str(department).strip():
            value = str(department).strip()
            dept = (
                tree.departments_of(county_code)
                .filter(**({"pk": value} if value.isdigit() else {"code": value}))
                .first()
            )
    if dept is None or dept.kind != OrgKind.DEPARTMENT or not dept.is_active or not tree.in_division(dept, county_code):
        raise ActionError(_("请选择本县（区）的职能部门。"), field="department")
    new_deadline = _parse_deadline(deadline)
    moved = _move(event, "whistle", actor=actor, reason=reason, to_org=dept)
    moved.holder = dept
    fields: dict[str, Any] = {"holder": dept}
    if new_deadline is not None:
        fields["deadline"] = new_deadline
        moved.deadline = new_deadline
    Event.objects.filter(pk=moved.pk).update(**fields)
    _notify_holder(moved, _("吹哨派单：{title}").format(title=moved.title))
    return moved


@transaction.atomic
@keeping_rollups
def do_send_back(event: Event, *, actor: Any, reason: str) -> Event:
    return _move(event, "send_back", actor=actor, reason=reason, to_org=event.community)


@transaction.atomic
@keeping_rollups
def do_accept(event: Event, *, actor: Any) -> Event:
    return _move(event, "accept", actor=actor)


@transaction.atomic
@keeping_rollups
def do_return(event: Event, *, actor: Any, reason: str) -> Event:
    """The department says it is not its duty: back to the township, which decides."""
    moved = _move(event, "return", actor=actor, reason=reason, to_org=event.township)
    _notify_holder(moved, _("部门退回事件：{title}").format(title=moved.title))
    return moved


@keeping_rollups
def do_handle(event: Event, *, actor: Any, reply: str, files: Sequence[Any] = ()) -> Event:
    """The holding unit answers (办理答复) with a reply and evidence; the verifier checks it."""
    reply = _text(reply, "reply", _("办理情况"), required=True, limit=MAX_DESCRIPTION)
    checked = check_photos(files, evidence=True)
    with discard_on_error() as stored, transaction.atomic():
        moved = EVENT.apply(event, "handle", actor=actor, reason=reply)
        step = _step(moved, "handle", _("办理答复"), actor, text=reply)
        _store(stored, moved, checked, PhotoKind.HANDLING, step, actor)
        verifiers = (
            [moved.reporter] if moved.reporter_id else list(tree.officers(moved.community, Role.COMMUNITY_WORKER))
        )
        notify_on_commit(
            [u for u in verifiers if u is not None and u.is_active],
            title=_("待核查：{title}").format(title=moved.title),
            url=reverse("events:detail", args=[moved.pk]),
            region_code=moved.region_code,
        )
    return moved


@transaction.atomic
@keeping_rollups
def do_verify(event: Event, *, actor: Any, confirm: bool, reason: str = "", satisfaction: str = "") -> Event:
    """The reporter (or the community) confirms the answer, with the resident's satisfaction, or
    rejects it with a reason. The third rejection puts the handling unit under supervision."""
    if confirm:
        if satisfaction not in Satisfaction.values:
            raise ActionError(_("请选择满意度。"), field="satisfaction")
        moved = _move(event, "confirm", actor=actor, reason=reason)
        Event.objects.filter(pk=moved.pk).update(satisfaction=satisfaction)
        moved.satisfaction = satisfaction
        return moved
    moved = _move(event, "reject", actor=actor, reason=reason)
    handler = moved.handler or moved.holder
    if moved.rejections >= MAX_REJECTIONS and moved.case_id is None:
        case = do_open_case(
            actor=actor,
            source=CaseSource.WORKER_REPORT,
            region_code=moved.region_code,
            title=_("网格事件{n}次核查未通过：{title}").format(n=moved.rejections, title=moved.title),
            description=_("办理单位：{unit}；分类：{category}；最后一次不通过理由：{reason}").format(
                unit=handler.name, category=moved.category.path, reason=reason
            ),
            rule_ref=_("谁上报、谁核查：核查三次未通过的事件纳入考核、限期督办"),
            community=moved.community,
            department=handler if handler.kind == OrgKind.DEPARTMENT else None,
            source_obj=moved,
        )
        Event.objects.filter(pk=moved.pk).update(case_id=case.pk)
        moved.case_id = case.pk
    _notify_holder(moved, _("核查未通过，请重新办理：{title}").format(title=moved.title))
    return moved


# Configuration: categories and grids -----------------------------------------------------------


@transaction.atomic
def do_save_category(county: Org, *, actor: Any, data: dict[str, Any], category: Category | None = None) -> Category:
    """Add or change a category of the county's tree (two levels)."""
    if not can_configure(actor, county):
        raise NotAllowed(_("只有本县（区）民政/组织或系统管理员可以维护事件分类。"))
    code = _text(data.get("code"), "code", _("编码"), required=True, limit=20)
    name = _text(data.get("name"), "name", _("名称"), required=True, limit=50)
    keywords = _text(data.get("keywords"), "keywords", _("关键词"), required=False, limit=300)
    urgency = str(data.get("urgency") or Urgency.NORMAL)
    if urgency not in Urgency.values:
        raise ActionError(_("紧急程度应为：紧急、加急、一般或非紧急。"), field="urgency")
    qs = Category.objects.filter(region_code=county.region_code)
    clash = qs.filter(code=code)
    if category is not None:
        clash = clash.exclude(pk=category.pk)
    if clash.exists():
        raise ActionError(_("编码 {code} 已存在。").format(code=code), field="code")
    parent = None
    if data.get("parent") not in (None, ""):
        parent = qs.filter(pk=data["parent"], parent=None).first() if str(data["parent"]).isdigit() else None
        if parent is None or (category is not None and parent.pk == category.pk):
            raise ActionError(_("上级分类应为本县的一级分类。"), field="parent")
    department = None
    if data.get("department") not in (None, ""):
        value = str(data["department"])
        department = tree.departments_of(county).filter(pk=value).first() if value.isdigit() else None
        if department is None:
            raise ActionError(_("请选择本县（区）的职能部门。"), field="department")
    before = (
        audit.snapshot(category, ["code", "name", "parent", "urgency", "keywords", "department", "is_active"])
        if category
        else None
    )
    obj = category or Category(region_code=county.region_code)
    obj.code, obj.name, obj.parent, obj.urgency, obj.keywords, obj.department = (
        code,
        name,
        parent,
        urgency,
        keywords,
        department,
    )
    obj.is_active = bool(data.get("is_active", True))
    obj.save()
    audit.record(
        actor,
        "events.category.save",
        obj,
        before=before,
        after=audit.snapshot(obj, ["code", "name", "urgency", "is_active"]),
    )
    return obj


@transaction.atomic
def do_assign_grid_worker(grid: Org, *, actor: Any, worker: User) -> GridWorker:
    """Put a community worker on a grid (网格员)."""
    community = grid.parent
    if grid.kind != OrgKind.GRID or community is None or not can_manage_grids_of(actor, community):
        raise NotAllowed(_("您没有权限安排该网格的网格员。"))
    if worker.role != Role.COMMUNITY_WORKER or worker.org_id != community.pk or not worker.is_active:
        raise ActionError(_("网格员须为本社区（村）的社区工作者。"), field="worker")
    link, _created = GridWorker.objects.get_or_create(
        grid=grid, worker=worker, defaults={"region_code": grid.region_code}
    )
    audit.record(actor, "events.grid.assign", grid, after={"worker": worker.get_full_name()})
    return link


@transaction.atomic
def do_load_default_categories(county: Org, *, actor: Any) -> int:
    """Give a county the default category tree (defaults.py); categories it has are kept."""
    from .defaults import DEFAULT_TREE

    if actor is not None and not can_configure(actor, county):
        raise NotAllowed(_("只有本县（区）民政/组织或系统管理员可以维护事件分类。"))
    have = set(Category.objects.filter(region_code=county.region_code).values_list("code", flat=True))
    added = 0
    for i, (code, name, urgency, keywords, children) in enumerate(DEFAULT_TREE):
        parent = Category.objects.filter(region_code=county.region_code, code=code).first()
        if parent is None:
            parent = Category.objects.create(
                region_code=county.region_code, code=code, name=name, urgency=urgency, keywords=keywords, sort_order=i
            )
            added += 1
        for j, (ccode, cname, curgency, ckeywords) in enumerate(children):
            if ccode not in have:
                Category.objects.create(
                    region_code=county.region_code,
                    code=ccode,
                    name=cname,
                    parent=parent,
                    urgency=curgency,
                    keywords=ckeywords,
                    sort_order=j,
                )
                added += 1
    audit.record(actor, "events.category.save", county, after={"loaded_defaults": added})
    return added


@transaction.atomic
@keeping_rollups
def do_close_on_spot(event: Event, *, actor: Any, note: str) -> Event:
    """The community settles a reported event on the spot (微事件) with a note."""
    return _move(event, "close_on_spot", actor=actor, reason=note)


def do_act(event: Event, action: str, *, actor: Any, data: dict[str, Any], files: Sequence[Any] = ()) -> Event:
    """One workflow move by name, for the pages and the API (the move's own action validates)."""
    reason = str(data.get("reason") or "")
    if action == "escalate":
        return do_escalate(event, actor=actor, reason=reason)
    if action == "whistle":
        return do_whistle(
            event, actor=actor, department=data.get("department"), reason=reason, deadline=data.get("deadline")
        )
    if action == "send_back":
        return do_send_back(event, actor=actor, reason=reason)
    if action == "accept":
        return do_accept(event, actor=actor)
    if action == "return":
        return do_return(event, actor=actor, reason=reason)
    if action == "handle":
        return do_handle(event, actor=actor, reply=str(data.get("reply") or reason), files=files)
    if action == "close_on_spot":
        return do_close_on_spot(event, actor=actor, note=reason)
    if action in ("confirm", "reject"):
        return do_verify(
            event,
            actor=actor,
            confirm=action == "confirm",
            reason=reason,
            satisfaction=str(data.get("satisfaction") or ""),
        )
    raise ActionError(_("未知的操作。"))


ACTIONS = ("escalate", "whistle", "send_back", "accept", "return", "handle", "close_on_spot", "confirm", "reject")


@transaction.atomic
def do_reveal_contact(event: Event, *, actor: Any) -> dict[str, Any]:
    """显示完整号码: the resident's full name and telephone, for a community or township officer
    who must call back. Every reveal is audited (个人信息保护法: who read whose data, when)."""
    from .permissions import may_see_contact

    return do_reveal(
        actor,
        event,
        allowed=may_see_contact(actor, event),
        refusal=_("您无权查看反映人的联系方式。"),
        event_type="events.contact.reveal",
        fields=["contact_name", "contact_phone"],
        read=lambda: {"name": event.contact_name, "phone": event.contact_phone, "masked": False},
    )
