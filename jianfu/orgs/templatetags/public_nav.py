"""The navigation every public page (no login) shows for its county: ``{% public_nav county "notices" %}``."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

from jianfu.orgs.choices import OrgKind
from jianfu.orgs.models import Org
from jianfu.orgs.tree import county_of

register = template.Library()


def report_phone(county_code: str) -> str:
    """The county's 举报电话 (``JIANFU_REPORT_PHONE``): its own entry, else the default, else ""."""
    phones: dict[str, str] = getattr(settings, "REPORT_PHONES", {})
    return phones.get(county_code) or phones.get("", "")


def public_county(org_or_code: Org | str | None) -> Org | None:
    """The active county a public page belongs to (an org of it, or a county code from a query)."""
    if isinstance(org_or_code, Org):
        county = org_or_code if org_or_code.kind == OrgKind.COUNTY else county_of(org_or_code)
        return county if county.kind == OrgKind.COUNTY and county.is_active else None
    code = str(org_or_code or "")
    if not code.isdigit() or len(code) > 12:
        return None
    return Org.objects.filter(code=code, kind=OrgKind.COUNTY, is_active=True).first()


@register.inclusion_tag("public_nav.html")
def public_nav(org_or_code: Org | str | None, current: str = "") -> dict[str, Any]:
    county = public_county(org_or_code)
    if county is None:
        return {"county": None, "current": current, "phone": report_phone("")}
    return {"county": county, "current": current, "phone": report_phone(county.code)}
