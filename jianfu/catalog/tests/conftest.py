"""Small lists for the two-county world, built through the real actions."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from openpyxl import Workbook

from jianfu.catalog.actions import do_add_item, do_open_draft, do_publish_version
from jianfu.catalog.exports import HEADER


def assist(code: str, title: str, **kw: Any) -> dict[str, Any]:
    return {
        "code": code,
        "title": title,
        "category": "assist",
        "basis": "《关于持续深化城乡社区减负增效工作的若干措施》",
        "department": "卫生健康局",
        "community_roles": "联系居民、宣传教育",
        "funding_amount": "5000",
        "funding_source": "县财政专项",
        "frequency_count": "1",
        "frequency_unit": "每月",
        "minutes_per_occurrence": "60",
        **kw,
    }


BASE_ITEMS = [
    {
        "code": "LZ-01",
        "title": "调解民间纠纷",
        "category": "duty",
        "basis": "《城市居民委员会组织法》第三条",
        "minutes_per_occurrence": "90",
        "frequency_count": "2",
        "frequency_unit": "month",
    },
    assist("XZ-01", "协助组织老年人健康体检"),
    {
        "code": "ZM-01",
        "title": "高龄津贴申领证明",
        "category": "certificate",
        "cert_kind": "allowed",
        "basis": "证明事项清单",
        "minutes_per_occurrence": "15",
        "frequency_count": "3",
        "frequency_unit": "month",
    },
    {"code": "FM-01", "title": "行政执法（社区不作为责任主体）", "category": "negative"},
]


def publish_items(
    world: Any,
    items: list[dict[str, Any]],
    *,
    owner: Any = None,
    actor: Any = None,
    date: dt.date = dt.date(2025, 3, 1),
) -> Any:
    owner = owner or world.county
    actor = actor or world.county_mzj
    draft = do_open_draft(owner, actor=actor)
    for data in items:
        do_add_item(owner, actor=actor, data=data)
    return do_publish_version(draft, actor=actor, effective_date=date, note="测试发布")


@pytest.fixture
def v1(world: Any) -> Any:
    return publish_items(world, BASE_ITEMS)


def workbook_bytes(rows: list[list[Any]], header: list[str] | None = None) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(header if header is not None else HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "list.xlsx"
    return buffer


def row(code: str, title: str, **kw: Any) -> list[Any]:
    """A template row for a duty item (overridable by field name)."""
    values = {
        "code": code,
        "title": title,
        "category": "依法履行职责事项",
        "cert_kind": None,
        "basis": "《城市居民委员会组织法》",
        "department": "民政局",
        "scope": None,
        "process": None,
        "community_roles": None,
        "funding_amount": None,
        "funding_source": None,
        "frequency_count": 1,
        "frequency_unit": "每月",
        "minutes_per_occurrence": 30,
        "applies_to": "城市社区和村",
        "review_date": None,
        **kw,
    }
    from jianfu.catalog.exports import COLUMNS

    return [values.get(c) for c in COLUMNS]
