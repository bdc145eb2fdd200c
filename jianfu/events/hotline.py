"""Importing 12345 hotline demands (接诉即办) from the hotline platform's Excel export.

The usual export columns are recognised by name (工单编号, 来电时间, 诉求内容, 诉求地址, 诉求类型,
承办单位, and optionally 来电人, 联系电话, 紧急程度, 所属社区, 所属街道/乡镇). A demand is
classified with the county's own category tree: by its 诉求类型 (a category's name, or
"大类/小类"), else by the categories' keywords found in the text, else 其他. The community comes
from 所属社区, else a community name found in the address, else 承办单位; the 承办单位 decides
where it starts: a department (派单 straight to it), the township, or the community.

All or nothing: one bad row and nothing is imported; every row's problems are listed in Chinese.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core import audit, xlsx
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.orgs import tree
from jianfu.orgs.choices import OrgKind
from jianfu.orgs.models import Org

from . import deadlines, rollups
from .actions import new_tracking_code
from .choices import Source, State, Urgency
from .defaults import FALLBACK_CODE
from .models import Category, Event, Step
from .permissions import can_configure

MAX_ROWS = 5000
COLUMNS = {
    "number": ("工单编号", "工单号", "编号"),
    "called_at": ("来电时间", "受理时间", "登记时间"),
    "content": ("诉求内容", "来电内容", "问题描述"),
    "address": ("诉求地址", "事发地址", "地址"),
    "type": ("诉求类型", "问题分类", "诉求分类"),
    "unit": ("承办单位", "主办单位", "派单单位"),
    "name": ("来电人", "诉求人", "姓名"),
    "phone": ("联系电话", "来电号码", "电话"),
    "urgency": ("紧急程度", "办理时限类别"),
    "community": ("所属社区", "社区", "社区/村"),
    "township": ("所属街道", "所属乡镇", "街道/乡镇", "乡镇"),
}
REQUIRED = ("number", "called_at", "content")
URGENCY_WORDS = {
    "紧急": Urgency.EMERGENCY,
    "特急": Urgency.EMERGENCY,
    "加急": Urgency.URGENT,
    "较急": Urgency.URGENT,
    "一般": Urgency.NORMAL,
    "普通": Urgency.NORMAL,
    "非紧急": Urgency.LOW,
    "咨询": Urgency.LOW,
    "建议": Urgency.LOW,
}
_SPLIT = re.compile(r"[\s,，、;；]+")


@dataclass
class Classifier:
    """The county's tree, ready to classify a demand."""

    by_name: dict[str, Category]
    keywords: list[tuple[str, Category]]
    fallback: Category | None

    @classmethod
    def of(cls, county_code: str) -> Classifier:
        cats = list(Category.objects.within(county_code).filter(is_active=True).select_related("parent"))
        parents = {c.parent_id for c in cats if c.parent_id}
        leaves = [c for c in cats if c.pk not in parents]
        by_name: dict[str, Category] = {}
        for c in leaves:
            by_name.setdefault(c.name, c)
            if c.parent is not None:
                by_name[f"{c.parent.name}/{c.name}"] = c
        words = sorted(((w, c) for c in leaves for w in _SPLIT.split(c.keywords) if w), key=lambda p: -len(p[0]))
        fallback = next((c for c in leaves if c.code == FALLBACK_CODE), None)
        return cls(by_name, words, fallback)

    def classify(self, kind: str, text: str) -> Category | None:
        kind = re.sub(r"\s*[>›\-－—/／]\s*", "/", (kind or "").strip())
        if kind in self.by_name:
            return self.by_name[kind]
        last = kind.rsplit("/", 1)[-1]
        if last in self.by_name:
            return self.by_name[last]
        for word, category in self.keywords:
            if word in text:
                return category
        return self.fallback


def _header_map(header: tuple[Any, ...]) -> dict[str, int]:
    names = [str(h or "").strip() for h in header]
    found: dict[str, int] = {}
    for key, aliases in COLUMNS.items():
        for i, name in enumerate(names):
            if name in aliases:
                found[key] = i
                break
    return found


def _moment(value: Any) -> dt.datetime | None:
    moment: dt.datetime | None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time(9, 0))
    else:
        text = str(value or "").strip().replace("/", "-").replace("T", " ")
        try:
            moment = dt.datetime.fromisoformat(text[:19]) if text else None
        except ValueError:
            return None
    if moment is None or not 2000 <= moment.year <= 2100:
        return None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


@dataclass
class Imported:
    count: int
    dispatched: int


def do_import_hotline(county: Org, *, actor: Any, upload: Any) -> Imported:
    """Import a 12345 export into the county; ``ActionError`` with every row's problems, or all rows."""
    if not can_configure(actor, county):
        raise NotAllowed(_("只有本县（区）民政/组织或系统管理员可以导入12345工单。"))
    book = xlsx.open_workbook(upload)
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(min_row=1, max_row=1, values_only=True)
    header = next(rows, None) or ()
    cols = _header_map(tuple(header))
    missing = [COLUMNS[k][0] for k in REQUIRED if k not in cols]
    if missing:
        raise ActionError(_("表头缺少必填列：{cols}。").format(cols="、".join(missing)), field="file")
    prefix = county.region_prefix
    classifier = Classifier.of(prefix)
    if classifier.fallback is None and not classifier.by_name:
        raise ActionError(_("本县尚未设置事件分类，请先载入或维护分类。"), field="file")
    grassroots = list(tree.grassroots_of(county).select_related("parent"))
    by_name: dict[str, list[Org]] = {}
    for c in grassroots:
        by_name.setdefault(c.name, []).append(c)
    units = {o.name: o for o in tree.departments_of(county)}
    townships = {o.name: o for o in Org.objects.filter(parent=county, kind=OrgKind.TOWNSHIP, is_active=True)}
    existing = set(Event.objects.within(prefix).exclude(hotline_number="").values_list("hotline_number", flat=True))
    errors: list[dict[str, Any]] = []
    planned: list[dict[str, Any]] = []
    seen: set[str] = set()

    def cell(values: tuple[Any, ...], key: str) -> str:
        i = cols.get(key)
        return str(values[i]).strip() if i is not None and i < len(values) and values[i] is not None else ""

    for n, values in xlsx.iter_rows(sheet, max_rows=MAX_ROWS):
        problems: list[str] = []
        number = cell(values, "number")
        if not number:
            problems.append(_("工单编号为空"))
        elif len(number) > 40:
            problems.append(_("工单编号过长"))
        elif number in seen:
            problems.append(_("工单编号 {n} 在表中重复").format(n=number))
        elif number in existing:
            problems.append(_("工单编号 {n} 已导入过").format(n=number))
        seen.add(number)
        i = cols["called_at"]
        called_at = _moment(values[i] if i < len(values) else None)
        if called_at is None:
            problems.append(_("来电时间无法识别（应为 2026-05-01 09:30）"))
        elif called_at > timezone.now() + dt.timedelta(hours=1):
            problems.append(_("来电时间晚于现在"))
        content = cell(values, "content")
        if not content:
            problems.append(_("诉求内容为空"))
        elif len(content) > 2000:
            problems.append(_("诉求内容超过 2000 字"))
        address = cell(values, "address")[:200]
        unit_name = cell(values, "unit")
        township_name = cell(values, "township")
        township = townships.get(township_name) if township_name else None
        if township_name and township is None:
            problems.append(_("所属街道/乡镇“{name}”不在本县").format(name=township_name))
        community = None
        named = cell(values, "community")
        candidates: list[Org] = []
        if named:
            candidates = [c for c in grassroots if c.code == named] or by_name.get(named, [])
            if not candidates:
                problems.append(_("所属社区“{name}”不在本县").format(name=named))
        else:
            for source in (address, unit_name):
                candidates = [c for name, cs in by_name.items() if name and name in source for c in cs]
                if candidates:
                    break
        if township is not None:
            candidates = [c for c in candidates if c.parent_id == township.pk]
        if len({c.pk for c in candidates}) == 1:
            community = candidates[0]
        elif candidates:
            problems.append(_("地址对应多个同名社区，请填写“所属街道”或“所属社区”"))
        elif not named:
            problems.append(_("无法确定所属社区：请在“所属社区”列填写，或在地址中写明社区（村）名称"))
        urgency_word = cell(values, "urgency")
        urgency = URGENCY_WORDS.get(urgency_word) if urgency_word else None
        if urgency_word and urgency is None:
            problems.append(_("紧急程度“{w}”无法识别（紧急/加急/一般/非紧急）").format(w=urgency_word))
        category = classifier.classify(cell(values, "type"), content)
        if category is None:
            problems.append(_("无法归入本县的事件分类"))
        holder_dept = units.get(unit_name) if unit_name else None
        if problems:
            errors.append({"row": n, "message": "；".join(problems)})
            continue
        assert community is not None and category is not None and called_at is not None
        planned.append(
            {
                "number": number,
                "called_at": called_at,
                "content": content,
                "address": address,
                "community": community,
                "category": category,
                "urgency": urgency or category.urgency,
                "dept": holder_dept,
                "to_township": bool(unit_name) and community.parent is not None and unit_name == community.parent.name,
                "name": cell(values, "name")[:50],
                "phone": cell(values, "phone")[:30],
            }
        )
    if errors:
        shown = errors[:50]
        raise ActionError(
            _("导入未完成：{n} 行有问题，全部未导入。请修改后重新上传。").format(n=len(errors)),
            field="file",
            errors=[
                {
                    "field": "file",
                    "row": e["row"],
                    "message": _("第 {row} 行：{m}").format(row=e["row"], m=e["message"]),
                }
                for e in shown
            ],
        )
    if not planned:
        raise ActionError(_("表中没有工单。"), field="file")
    dispatched = 0
    with transaction.atomic():
        events = []
        for p in planned:
            c = p["community"]
            state, holder = State.REPORTED, c
            if p["dept"] is not None:
                state, holder = State.DISPATCHED, p["dept"]
                dispatched += 1
            elif p["to_township"]:
                state, holder = State.TOWNSHIP, c.parent
            content = p["content"]
            events.append(
                Event(
                    region_code=c.region_code,
                    tracking_code=new_tracking_code(),
                    source=Source.HOTLINE,
                    community=c,
                    township=c.parent,
                    category=p["category"],
                    urgency=p["urgency"],
                    title=content.splitlines()[0][:40],
                    description=content,
                    place=p["address"],
                    contact_name=p["name"],
                    contact_phone=p["phone"],
                    hotline_number=p["number"],
                    state=state,
                    holder=holder,
                    received_at=p["called_at"],
                    deadline=deadlines.deadline_for(p["urgency"], p["called_at"]),
                )
            )
        Event.objects.bulk_create(events, batch_size=500)
        rollups.added(events)
        saved = Event.objects.within(prefix).filter(hotline_number__in=[p["number"] for p in planned])
        by_number = {e.hotline_number: e for e in saved}
        Step.objects.bulk_create(
            [
                Step(
                    region_code=e.region_code,
                    event=e,
                    action="hotline",
                    label=_("12345热线派单"),
                    actor=actor,
                    from_org=None,
                    to_org_id=e.holder_id,
                    text=e.hotline_number,
                )
                for e in (by_number[p["number"]] for p in planned)
            ],
            batch_size=500,
        )
        audit.record(actor, "events.hotline.import", county, after={"count": len(planned), "dispatched": dispatched})
    return Imported(len(planned), dispatched)
