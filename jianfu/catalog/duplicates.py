"""Duplicate items in an import (重复事项): a row whose title repeats another row's, or an item of the
current published version under another code. Real lists carry such repeats (the same certificate
listed by two departments, a form listed twice); they are warnings the list owner confirms, not
errors — two items may share a name on purpose (e.g. for villages and for communities)."""

from __future__ import annotations

import re
from typing import Any

from jianfu.orgs.models import Org

from .selectors import current_version

_NOISE = re.compile(r"[\s　,，、;；:：.。·（）()\[\]【】《》〈〉“”\"'‘’—\-_/]+")


def normal_title(title: str) -> str:
    """The title without spaces and punctuation, for comparing (「居住 证明」 = 「居住证明。」)."""
    return _NOISE.sub("", title or "").lower()


def find_duplicates(rows: list[tuple[int, dict[str, Any]]], owner: Org) -> list[dict[str, Any]]:
    """One warning per row that duplicates an earlier row or an item of the current version
    (same title, different code), naming the row and the item it duplicates."""
    warnings: list[dict[str, Any]] = []
    first_row: dict[str, tuple[int, dict[str, Any]]] = {}
    current = current_version(owner)
    existing: dict[str, tuple[str, str]] = {}
    if current is not None:
        for item in current.items.order_by("sort_order", "code").only("code", "title"):
            existing.setdefault(normal_title(item.title), (item.code, item.title))
    for index, values in rows:
        key = normal_title(values["title"])
        if not key:
            continue
        code, title = values["code"], values["title"]
        if key in first_row:
            other_index, other = first_row[key]
            where, other_code, other_title = f"第 {other_index} 行", other["code"], other["title"]
        elif key in existing and existing[key][0] != code:
            other_code, other_title = existing[key]
            where = f"现行第 {current.number} 版" if current is not None else ""
        else:
            first_row[key] = (index, values)
            continue
        first_row.setdefault(key, (index, values))
        warnings.append(
            {
                "row": index,
                "code": code,
                "title": title,
                "duplicate_of": {"where": where, "code": other_code, "title": other_title},
                "where": f"第 {index} 行",
                "message": f"第 {index} 行「{title}」（{code}）与{where}事项「{other_title}」（{other_code}）重复。",
            }
        )
    return warnings
