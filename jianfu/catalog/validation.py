"""One set of rules for a list item, used by the edit form, the Excel import, the API and admission.

``clean_item`` takes raw values (strings from a form or a spreadsheet cell, or typed values from
code) and returns typed values plus every problem found, each as a Chinese message on a field.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from jianfu.orgs.choices import OrgKind
from jianfu.orgs.models import Org
from jianfu.orgs.tree import departments_of

from .choices import AppliesTo, Category, CertKind, CommunityRole, FrequencyUnit

# Markup has no place in a list item; refusing it keeps every page, export and PDF plain text.
TAG_RE = re.compile(r"<\s*/?\s*[A-Za-z!]")
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
MAX_MINUTES = 10_000
MAX_FREQUENCY = Decimal(10_000)
MAX_FUNDING = Decimal("9999999999.99")

# Field names and their Chinese labels, in template column order.
FIELD_LABELS: dict[str, str] = {
    "code": "编号",
    "title": "事项名称",
    "category": "类别",
    "cert_kind": "证明类型",
    "basis": "制度依据",
    "department": "责任部门",
    "scope": "职责范围",
    "process": "运行流程",
    "community_roles": "社区职责",
    "funding_amount": "经费（元/年）",
    "funding_source": "经费来源",
    "frequency_count": "频次",
    "frequency_unit": "频次单位",
    "minutes_per_occurrence": "每次用时（分钟）",
    "applies_to": "适用范围",
    "review_date": "复核日期",
}


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _choice(value: Any, choices: type[Any]) -> str | None:
    """Accept either the stored value or the Chinese label of a choice."""
    text = _text(value)
    if not text:
        return None
    for stored, label in choices.choices:
        if text in (stored, label):
            return str(stored)
    return ""


def _decimal(value: Any) -> Decimal | None:
    text = _text(value).replace(",", "").replace("，", "")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError from None
    if not number.is_finite():
        raise ValueError
    return number


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value).replace("/", "-").replace(".", "-")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError from None


def _roles(value: Any) -> list[str] | None:
    """A list of CommunityRole values, from a list or from text such as "联系居民、协助入户"."""
    if value in (None, ""):
        return []
    parts = value if isinstance(value, list | tuple) else re.split(r"[、,，;；/\s]+", _text(value))
    roles = []
    for part in parts:
        part = _text(part)
        if not part:
            continue
        role = _choice(part, CommunityRole)
        if not role:
            return None
        if role not in roles:
            roles.append(role)
    return roles


def find_department(owner: Org, value: Any) -> Org | None:
    """A department inside ``owner``'s jurisdiction, by code, by exact name, or by name without
    the county prefix (so "民政局" finds "汉阴县民政局")."""
    if isinstance(value, Org):
        candidates = (
            [value] if value.kind == OrgKind.DEPARTMENT and value.region_code.startswith(owner.region_prefix) else []
        )
        return candidates[0] if candidates else None
    text = _text(value)
    if not text:
        return None
    depts = departments_of(owner)
    match = depts.filter(code=text).first() or depts.filter(name=text).first()
    if match is None:
        match = (
            depts.filter(name=f"{owner.name}{text}").first()
            or depts.filter(name=f"中共{owner.name}委{text.removeprefix('县委')}").first()
        )
    return match


def clean_item(raw: dict[str, Any], *, owner: Org) -> tuple[dict[str, Any], list[FieldError]]:
    """Validate one item's fields for the lists of ``owner``; returns (typed values, errors)."""
    errors: list[FieldError] = []
    out: dict[str, Any] = {}

    def err(field: str, message: str) -> None:
        errors.append(FieldError(field, message))

    code = _text(raw.get("code"))
    if not code:
        err("code", "编号不能为空。")
    elif not CODE_RE.match(code):
        err("code", "编号须为 1–32 位字母、数字或 . _ -，以字母或数字开头。")
    out["code"] = code

    title = _text(raw.get("title"))
    if not title:
        err("title", "事项名称不能为空。")
    elif len(title) > 200:
        err("title", "事项名称不能超过 200 字。")
    elif TAG_RE.search(title):
        err("title", "事项名称不能包含 HTML 标签（如 <script>）。")
    out["title"] = title

    category = _choice(raw.get("category"), Category)
    if category is None:
        err("category", "类别不能为空。")
    elif category == "":
        err("category", f"未知的类别“{_text(raw.get('category'))}”。")
    out["category"] = category or ""

    cert_kind = _choice(raw.get("cert_kind"), CertKind)
    if category == Category.CERTIFICATE:
        if not cert_kind:
            err("cert_kind", "证明事项须注明“可出具的证明”或“不得要求社区出具的证明”。")
    elif cert_kind:
        err("cert_kind", "只有证明事项填写证明类型。")
    out["cert_kind"] = cert_kind or ""

    for name, limit in (("basis", 2000), ("scope", 2000), ("process", 2000), ("funding_source", 200)):
        value = _text(raw.get(name))
        if len(value) > limit:
            err(name, f"{FIELD_LABELS[name]}不能超过 {limit} 字。")
        elif TAG_RE.search(value):
            err(name, f"{FIELD_LABELS[name]}不能包含 HTML 标签。")
        out[name] = value
    if not out["basis"] and category and category != Category.NEGATIVE:
        err("basis", "制度依据不能为空（负面清单除外）。")

    dept_raw = raw.get("department")
    department = find_department(owner, dept_raw) if dept_raw not in (None, "") else None
    if dept_raw not in (None, "") and department is None:
        err("department", f"未找到责任部门“{_text(dept_raw)}”（须为本辖区的部门名称或编码）。")
    elif department is None and category == Category.ASSIST:
        err("department", "协助事项须注明责任部门。")
    out["department"] = department

    roles = _roles(raw.get("community_roles"))
    if roles is None:
        err("community_roles", "社区职责只能是：" + "、".join(str(label) for _v, label in CommunityRole.choices) + "。")
        roles = []
    elif category == Category.ASSIST and not roles:
        err("community_roles", "协助事项须注明社区承担的职责（联系居民、协助入户等）。")
    out["community_roles"] = roles

    try:
        amount = _decimal(raw.get("funding_amount"))
    except ValueError:
        err("funding_amount", "经费须为数字（元/年）。")
        amount = None
    else:
        if amount is not None and not (Decimal(0) <= amount <= MAX_FUNDING):
            err("funding_amount", "经费须在 0 至 99 亿元之间。")
    if category == Category.ASSIST:
        if not amount:
            err("funding_amount", "协助事项须落实经费（费随事转）。")
        if not out["funding_source"]:
            err("funding_source", "协助事项须注明经费来源（费随事转）。")
    out["funding_amount"] = amount

    try:
        frequency = _decimal(raw.get("frequency_count"))
    except ValueError:
        err("frequency_count", "频次须为数字。")
        frequency = None
    if frequency is None:
        frequency = Decimal(1) if raw.get("frequency_count") in (None, "") else frequency
    if frequency is not None and not (Decimal(0) <= frequency <= MAX_FREQUENCY):
        err("frequency_count", "频次须在 0 至 10000 之间。")
    out["frequency_count"] = frequency if frequency is not None else Decimal(1)

    unit = _choice(raw.get("frequency_unit"), FrequencyUnit)
    if unit == "":
        err("frequency_unit", "频次单位只能是：每年、每季度、每月、每周。")
    out["frequency_unit"] = unit or FrequencyUnit.YEAR

    try:
        minutes = _decimal(raw.get("minutes_per_occurrence"))
    except ValueError:
        err("minutes_per_occurrence", "每次用时须为整数分钟。")
        minutes = None
    if minutes is not None and (minutes != minutes.to_integral_value() or not (0 <= minutes <= MAX_MINUTES)):
        err("minutes_per_occurrence", "每次用时须为 0 至 10000 之间的整数分钟。")
        minutes = None
    out["minutes_per_occurrence"] = int(minutes) if minutes is not None else 0

    applies = _choice(raw.get("applies_to"), AppliesTo)
    if applies == "":
        err("applies_to", "适用范围只能是：城市社区和村、城市社区、村。")
    out["applies_to"] = applies or AppliesTo.BOTH

    try:
        out["review_date"] = _date(raw.get("review_date"))
    except ValueError:
        err("review_date", "复核日期格式应为 2026-01-31。")
        out["review_date"] = None

    return out, errors
