"""精简率 of the lists per category and per body (村 vs 社区): the diff page, its API and the index."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from jianfu.catalog import selectors
from jianfu.catalog.actions import do_delete_item, do_open_draft, do_publish_version, do_update_item
from jianfu.catalog.forms import ItemForm

from .conftest import publish_items

pytestmark = pytest.mark.django_db


def form(i: int) -> dict[str, Any]:
    return {"code": f"BG-{i:02d}", "title": f"报表{i}", "category": "form", "basis": "统计报表制度",
            "minutes_per_occurrence": "60", "frequency_unit": "month"}  # fmt: skip


def cert(i: int) -> dict[str, Any]:
    return {"code": f"ZM-{i:02d}", "title": f"证明{i}", "category": "certificate", "cert_kind": "allowed",
            "basis": "证明事项清单", "minutes_per_occurrence": "15"}  # fmt: skip


def service(i: int, applies: str) -> dict[str, Any]:
    return {"code": f"FW-{applies[0]}{i:02d}", "title": f"服务{applies}{i}", "category": "service",
            "basis": "条例", "applies_to": applies, "minutes_per_occurrence": "30"}  # fmt: skip


def _revise(world: Any, keep: set[str], changes: dict[str, dict[str, Any]] | None = None) -> Any:
    actor = world.county_mzj
    draft = do_open_draft(world.county, actor=actor)
    for item in list(draft.items.select_related("department")):
        if item.code not in keep:
            do_delete_item(item, actor=actor)
        elif changes and item.code in changes:
            do_update_item(item, actor=actor, data=ItemForm.initial_for(item) | changes[item.code])
    return do_publish_version(draft, actor=actor, effective_date=dt.date(2026, 5, 1))


def test_forms_44_to_7_is_an_84_percent_cut_and_the_headline_is_the_table(world):
    v1 = publish_items(world, [form(i) for i in range(1, 45)])
    v2 = _revise(world, {f"BG-{i:02d}" for i in range(1, 8)})
    red = selectors.reduction(v1, v2)
    forms = next(c for c in red.categories if c.key == "form")
    assert (forms.before, forms.after, forms.cancelled, forms.added) == (44, 7, 37, 0)
    assert forms.items_pct == 84
    assert (red.total.before, red.total.after, red.items_pct) == (44, 7, 84)
    assert sum(c.before for c in red.categories) == red.total.before == red.before.burden_items
    assert sum(c.after for c in red.categories) == red.total.after == red.after.burden_items


def test_certificates_turned_forbidden_count_as_cancelled_in_table_and_headline(world):
    v1 = publish_items(world, [cert(i) for i in range(1, 35)] + [form(1)])
    v2 = _revise(
        world,
        {f"ZM-{i:02d}" for i in range(1, 35)} | {"BG-01"},
        {f"ZM-{i:02d}": {"cert_kind": "forbidden"} for i in range(5, 35)},
    )
    red = selectors.reduction(v1, v2)
    certs = next(c for c in red.categories if c.key == "certificate")
    # Before the fix the table said 34 → 34 beside a headline of "减少 86%".
    assert (certs.before, certs.after, certs.cancelled) == (34, 4, 30) and certs.items_pct == 88
    assert (red.total.before, red.total.after, red.total.cancelled) == (35, 5, 30)


def test_village_and_community_items_are_counted_separately(world):
    items = [service(i, "village") for i in range(1, 11)] + [service(i, "urban") for i in range(1, 9)]
    items += [service(i, "both") for i in range(1, 3)]
    v1 = publish_items(world, items)
    keep = {f"FW-v{i:02d}" for i in range(1, 5)} | {f"FW-u{i:02d}" for i in range(1, 3)} | {"FW-b01"}
    red = selectors.reduction(v1, _revise(world, keep))
    bodies = {c.key: c for c in red.bodies}
    # 10 village-only + 2 for both = 12 → 4 + 1; 8 urban-only + 2 for both = 10 → 2 + 1.
    assert (bodies["village"].before, bodies["village"].after, bodies["village"].items_pct) == (12, 5, 58)
    assert (bodies["community"].before, bodies["community"].after, bodies["community"].items_pct) == (10, 3, 70)


def test_the_diff_page_and_api_show_the_cut_per_category_and_per_body(world, client_for):
    v1 = publish_items(world, [form(i) for i in range(1, 45)] + [cert(1)])
    _revise(world, {f"BG-{i:02d}" for i in range(1, 8)} | {"ZM-01"}, {"ZM-01": {"cert_kind": "forbidden"}})
    html = client_for("county_mzj").get("/lists/diff/?from=1&to=2").content.decode()
    assert "填报表格" in html and "44 → 7" in html and "84%" in html
    assert "证明事项" in html and "1 → 0" in html
    assert "45 → 7" in html  # the headline is the 合计 row
    from django.test import Client

    data = Client().get(f"/api/v1/lists/{v1.region_code}/diff?from=1&to=2").json()
    by_cat = {c["key"]: c for c in data["by_category"]}
    assert (by_cat["form"]["items_before"], by_cat["form"]["items_after"], by_cat["form"]["items_cut_pct"]) == (
        44,
        7,
        "84",
    )
    assert by_cat["certificate"]["cancelled"] == 1 and data["items_cancelled"] == 38
    assert (data["items_before"], data["items_after"]) == (45, 7)
    assert {c["key"] for c in data["by_body"]} == {"village", "community"}
