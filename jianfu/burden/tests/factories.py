"""Small helpers for burden tests: a published list with a form, a plaque and an app."""

from __future__ import annotations

from decimal import Decimal

from jianfu.catalog.models import ListItem, ListVersion


def publish_lists(world) -> dict[str, ListItem]:
    county = world.county
    version = ListVersion.objects.create(org=county, region_code=county.region_code, status="draft", title="清单")
    items = {}
    for code, title, category, count, unit in [
        ("F-01", "低保对象月度动态表", "form", Decimal(1), "month"),
        ("F-02", "高龄津贴年审表", "form", Decimal(2), "year"),
        ("M-01", "社区居民委员会", "mechanism", Decimal(1), "year"),
        ("S-01", "陕西社区e站", "system", Decimal(1), "year"),
        ("C-01", "居住证明", "certificate", Decimal(1), "year"),
    ]:
        items[code] = ListItem.objects.create(
            version=version,
            region_code=county.region_code,
            code=code,
            title=title,
            category=category,
            frequency_count=count,
            frequency_unit=unit,
            minutes_per_occurrence=30,
            cert_kind="allowed" if category == "certificate" else "",
        )
    ListVersion.objects.filter(pk=version.pk).update(status="published", number=1)
    return items
