"""Checking what a community worker types: a resident's name and ID number, short texts, dates."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.errors import ActionError

from . import crypto

TAG_RE = re.compile(r"<\s*/?\s*[A-Za-z!]")
NAME_RE = re.compile(r"^[\u3400-\u9fffA-Za-z·•．.\s]{1,30}$")


def resident(name: Any, id_number: Any) -> tuple[str, str]:
    """(name, ID number), normalised; ActionError with a Chinese message on the field at fault."""
    name = str(name or "").strip()
    if not name:
        raise ActionError(_("请填写居民姓名。"), field="resident_name")
    if not NAME_RE.match(name):
        raise ActionError(_("居民姓名只能包含汉字、字母和间隔号（·），不超过 30 个字。"), field="resident_name")
    number = crypto.normalise_id(str(id_number or ""))
    problem = crypto.id_problem(number)
    if problem:
        raise ActionError(problem, field="id_number")
    return name, number


def short_text(value: Any, field: str, label: str, limit: int, *, required: bool = True) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ActionError(_("请填写{label}。").format(label=label), field=field)
    if len(text) > limit:
        raise ActionError(_("{label}不能超过 {limit} 字。").format(label=label, limit=limit), field=field)
    if TAG_RE.search(text):
        raise ActionError(_("{label}不能包含 HTML 标签。").format(label=label), field=field)
    return text


def day(value: Any, field: str, label: str) -> dt.date:
    """A date no later than today and no earlier than 2000 (a register records what happened)."""
    if value in (None, ""):
        return timezone.localdate()
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise ActionError(_("{label}格式应为 2026-01-31。").format(label=label), field=field) from None
    if value > timezone.localdate() or value.year < 2000:
        raise ActionError(_("{label}须在 2000 年以后、不晚于今天。").format(label=label), field=field)
    return value
