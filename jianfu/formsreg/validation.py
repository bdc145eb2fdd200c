"""Checking a form's registration and a community's submission: every problem as a Chinese
message on its field, nothing saved when any is found."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from jianfu.catalog.choices import FrequencyUnit
from jianfu.core.errors import ActionError

from .choices import NUMERIC_TYPES, PERSONAL, BasisLevel, FieldType, Granularity

MAX_FIELDS = 500
MAX_DUE_DATES = 60
_SPLIT = re.compile(r"\t|\|")


def _fail(errors: list[tuple[str, str]]) -> None:
    if errors:
        raise ActionError(
            "；".join(m for _f, m in errors[:10]) + ("……" if len(errors) > 10 else ""),
            field=errors[0][0],
            errors=[{"field": f, "message": m} for f, m in errors],
        )


def _by_value_or_label(choices: Any, raw: Any) -> str | None:
    text = str(raw or "").strip()
    for value, label in choices.choices:
        if text in (value, str(label)):
            return value
    return None


def parse_field_lines(text: str) -> list[dict[str, Any]]:
    """Fields pasted from a spreadsheet or typed one per line: 名称 | 类型 | 单位 | 口径 | 粒度
    (tab or | between columns; type and granularity default to 整数 and 社区汇总)."""
    rows = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        cells = [c.strip() for c in _SPLIT.split(line)] + [""] * 5
        rows.append(
            {"name": cells[0], "type": cells[1] or FieldType.INTEGER, "unit": cells[2], "definition": cells[3],
             "granularity": cells[4] or Granularity.COMMUNITY}
        )  # fmt: skip
    return rows


def _decimal(raw: Any) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        raise ValueError from None
    if not value.is_finite():
        raise ValueError
    return value


def clean_fields(raw_fields: Any) -> list[dict[str, Any]]:
    errors: list[tuple[str, str]] = []
    if isinstance(raw_fields, str):
        raw_fields = parse_field_lines(raw_fields)
    if not isinstance(raw_fields, list) or not raw_fields:
        _fail([("fields", _("请至少填写一个指标。"))])
    if len(raw_fields) > MAX_FIELDS:
        _fail([("fields", _("一张表最多 {n} 个指标。").format(n=MAX_FIELDS))])
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_fields, start=1):
        if not isinstance(raw, dict):
            errors.append(("fields", _("第 {i} 个指标格式不正确。").format(i=i)))
            continue
        name = str(raw.get("name") or "").strip()
        where = _("第 {i} 个指标").format(i=i) + (f"“{name}”" if name else "")
        if not name:
            errors.append(("fields", _("{where}：请填写指标名称。").format(where=where)))
        elif len(name) > 100:
            errors.append(("fields", _("{where}：指标名称不能超过 100 字。").format(where=where)))
        elif name in seen:
            errors.append(("fields", _("{where}：同一张表中指标名称重复。").format(where=where)))
        seen.add(name)
        ftype = _by_value_or_label(FieldType, raw.get("type") or FieldType.INTEGER)
        if ftype is None:
            errors.append(("fields", _("{where}：未知的类型“{t}”，可选：整数、数值、文本、日期、选项、是/否。").format(
                where=where, t=str(raw.get("type"))[:20])))  # fmt: skip
        gran = _by_value_or_label(Granularity, raw.get("granularity") or Granularity.COMMUNITY)
        if gran is None:
            errors.append(("fields", _("{where}：填报粒度只能是 社区汇总、按户 或 按人。").format(where=where)))
        unit = str(raw.get("unit") or "").strip()
        definition = str(raw.get("definition") or "").strip()
        if len(unit) > 20 or len(definition) > 300:
            errors.append(("fields", _("{where}：单位不超过 20 字，口径不超过 300 字。").format(where=where)))
        choices = raw.get("choices") or []
        if isinstance(choices, str):
            choices = [c.strip() for c in re.split(r"[、,，/]", choices) if c.strip()]
        if ftype == FieldType.CHOICE and not choices:
            errors.append(("fields", _("{where}：选项类指标须列出选项。").format(where=where)))
        try:
            low, high = _decimal(raw.get("min_value")), _decimal(raw.get("max_value"))
        except ValueError:
            errors.append(("fields", _("{where}：取值范围须为数字。").format(where=where)))
            low = high = None
        if low is not None and high is not None and low > high:
            errors.append(("fields", _("{where}：最小值不能大于最大值。").format(where=where)))
        if ftype in NUMERIC_TYPES and low is None:
            low = Decimal(0)  # counts of people, households, places are never negative
        out.append({"position": i, "name": name, "type": ftype, "unit": unit, "definition": definition,
                    "granularity": gran, "choices": [str(c)[:50] for c in choices][:50],
                    "min_value": low, "max_value": high})  # fmt: skip
    _fail(errors)
    return out


def clean_due_dates(raw: Any, year: int) -> list[dt.date]:
    if isinstance(raw, str):
        raw = [p for p in re.split(r"[\s,，、;；]+", raw) if p]
    dates: list[dt.date] = []
    errors: list[tuple[str, str]] = []
    for value in raw or []:
        if isinstance(value, dt.date):
            day = value
        else:
            try:
                day = dt.date.fromisoformat(str(value).strip())
            except ValueError:
                errors.append(("due_dates", _("报送日期“{v}”格式应为 2026-03-31。").format(v=str(value)[:20])))
                continue
        if day.year != year:
            errors.append(("due_dates", _("报送日期 {d} 不在 {y} 年内。").format(d=day.isoformat(), y=year)))
        dates.append(day)
    if len(dates) > MAX_DUE_DATES:
        errors.append(("due_dates", _("报送日期最多 {n} 个。").format(n=MAX_DUE_DATES)))
    _fail(errors)
    return sorted(set(dates))


def clean_form(raw: dict[str, Any], *, today: dt.date) -> dict[str, Any]:
    """Typed values of a form's registration (fields included), or ActionError listing every problem."""
    errors: list[tuple[str, str]] = []
    title = str(raw.get("title") or "").strip()
    if not title:
        errors.append(("title", _("请填写表格名称。")))
    elif len(title) > 200:
        errors.append(("title", _("表格名称不能超过 200 字。")))
    basis = str(raw.get("basis") or "").strip()
    if not basis:
        errors.append(("basis", _("请填写法律政策依据（制度依据）。")))
    level = _by_value_or_label(BasisLevel, raw.get("basis_level"))
    if level is None:
        errors.append(("basis_level", _("请选择依据层级（国家、省、市、县、乡镇）。")))
    unit = _by_value_or_label(FrequencyUnit, raw.get("frequency_unit") or FrequencyUnit.YEAR)
    if unit is None:
        errors.append(("frequency_unit", _("频次单位只能是 每年、每季度、每月 或 每周。")))
    try:
        count = int(str(raw.get("frequency_count") or 1).strip())
        if not 1 <= count <= 52:
            raise ValueError
    except ValueError:
        errors.append(("frequency_count", _("频次须为 1 至 52 的整数。")))
        count = 1
    try:
        year = int(str(raw.get("year") or today.year))
        if not today.year - 1 <= year <= today.year + 1:
            raise ValueError
    except ValueError:
        errors.append(("year", _("年度只能是去年、今年或明年。")))
        year = today.year
    _fail(errors)
    fields = clean_fields(raw.get("fields"))
    due_dates = clean_due_dates(raw.get("due_dates"), year)
    per_year = count * {"year": 1, "quarter": 4, "month": 12, "week": 52}[str(unit)]
    if len(due_dates) > per_year:
        _fail(
            [("due_dates", _("报送日期有 {n} 个，超过报备频次（每年 {m} 次）。").format(n=len(due_dates), m=per_year))]
        )
    personal_basis = str(raw.get("personal_basis") or "").strip()
    personal = [f["name"] for f in fields if f["granularity"] in PERSONAL]
    if personal and not personal_basis:
        _fail([("personal_basis", _(
            "指标“{names}”按户或按人填报，属于居民个人信息：须写明允许收集的法律依据，否则请改为社区汇总数。"
        ).format(names="、".join(personal[:3])))])  # fmt: skip
    return {
        "title": title, "purpose": str(raw.get("purpose") or "").strip()[:2000], "basis": basis,
        "basis_level": level, "frequency_count": count, "frequency_unit": unit, "year": year,
        "due_dates": [d.isoformat() for d in due_dates], "personal_basis": personal_basis[:2000], "fields": fields,
    }  # fmt: skip


def clean_value(field: Any, raw: Any) -> str:
    """A submitted value as stored (text), or ValueError with the Chinese reason."""
    text = "" if raw is None else str(raw).strip()
    if text == "":
        return ""
    if field.type in NUMERIC_TYPES:
        try:
            number = Decimal(text.replace(",", ""))
            if not number.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            raise ValueError(_("“{name}”须填写数字，不能含字母或符号（填写的是“{v}”）。").format(
                name=field.name, v=text[:20])) from None  # fmt: skip
        if field.type == FieldType.INTEGER and number != number.to_integral_value():
            raise ValueError(_("“{name}”须为整数。").format(name=field.name))
        if field.min_value is not None and number < field.min_value:
            raise ValueError(_("“{name}”不能小于 {v}。").format(name=field.name, v=_plain(field.min_value)))
        if field.max_value is not None and number > field.max_value:
            raise ValueError(_("“{name}”不能大于 {v}。").format(name=field.name, v=_plain(field.max_value)))
        return _plain(number)
    if field.type == FieldType.DATE:
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValueError(_("“{name}”日期格式应为 2026-03-31。").format(name=field.name)) from None
    if field.type == FieldType.BOOL:
        if text in ("是", "否"):
            return text
        mapped = {"true": "是", "1": "是", "yes": "是", "false": "否", "0": "否", "no": "否"}.get(text.lower())
        if mapped is None:
            raise ValueError(_("“{name}”只能填“是”或“否”。").format(name=field.name))
        return mapped
    if field.type == FieldType.CHOICE and text not in field.choices:
        raise ValueError(_("“{name}”只能选 {c}。").format(name=field.name, c="、".join(field.choices)))
    if len(text) > 200:
        raise ValueError(_("“{name}”不能超过 200 字。").format(name=field.name))
    return text


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
