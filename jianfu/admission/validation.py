"""Checking an application's fields: the list-item rules (catalog.validation) plus admission's own."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from jianfu.catalog.choices import CertKind
from jianfu.catalog.selectors import list_owner_org
from jianfu.catalog.validation import FIELD_LABELS, _date, clean_item
from jianfu.core.errors import ActionError
from jianfu.orgs.choices import OrgKind
from jianfu.orgs.models import Org
from jianfu.orgs.scoping import prefix_q
from jianfu.orgs.tree import grassroots_of

from .choices import APPLY_CATEGORIES, Affairs, AppKind, TargetScope

LABELS = {
    **FIELD_LABELS,
    "title": "事项名称",
    "description": "事项内容",
    "basis": "法律政策依据",
    "kind": "申请类型",
    "affairs": "事务类别",
    "target_scope": "涉及社区",
    "target_townships": "指定乡镇",
    "start_date": "开始日期",
    "end_date": "结束日期",
}
MAX_YEARS = 5


def affected_orgs(county: Org, scope: str, townships: list[str], applies_to: str) -> Any:
    qs = grassroots_of(county)
    if scope == TargetScope.TOWNSHIPS:
        qs = qs.filter(parent__code__in=townships)
    if applies_to == "urban":
        qs = qs.filter(kind=OrgKind.COMMUNITY)
    elif applies_to == "village":
        qs = qs.filter(kind=OrgKind.VILLAGE)
    return qs


def clean_application(raw: dict[str, Any], *, org: Org) -> dict[str, Any]:
    """Typed values of an application from ``org``, or ActionError listing every problem."""
    errors: list[tuple[str, str]] = []
    county = list_owner_org(org)
    if county is None:
        raise ActionError(_("申请单位不属于任何县（区），无法申请准入。"))

    description = str(raw.get("description") or "").strip()
    category = raw.get("category") or ""
    if category not in dict(APPLY_CATEGORIES):
        errors.append(("category", "请选择清单类别（负面清单事项不能申请准入）。"))
    # The list-item rules (basis, funding for 协助, roles, frequency…) are the catalog's, so an
    # approved application is always a valid list item.
    item_raw = {**raw, "code": "ZR-0-0", "scope": description, "department": org if org.is_department else None}
    values, item_errors = clean_item(item_raw, owner=county, admission=True)
    for e in item_errors:
        if e.field == "department" and not org.is_department:
            continue
        errors.append((e.field, e.message))
    if values["cert_kind"] == CertKind.FORBIDDEN:
        # A department may ask communities to issue a certificate; it never "applies" for one
        # communities must refuse — the county lists those itself.
        errors.append(("cert_kind", "准入申请只能申请社区可出具的证明；不得要求社区出具的证明由县（区）在清单中列明。"))
    if not str(raw.get("basis") or "").strip():
        errors.append(("basis", "法律政策依据不能为空。"))
    if not description:
        errors.append(("description", "请说明需要社区做什么。"))
    elif len(description) > 2000:
        errors.append(("description", "事项内容不能超过 2000 字。"))

    kind = raw.get("kind") or AppKind.ADHOC
    if kind not in AppKind.values:
        errors.append(("kind", "未知的申请类型。"))
    affairs = raw.get("affairs") or ""
    if affairs not in Affairs.values:
        errors.append(("affairs", "请选择党务工作或政务工作（决定由组织部还是民政局初审）。"))

    scope = raw.get("target_scope") or TargetScope.ALL
    townships = [str(c) for c in (raw.get("target_townships") or [])]
    if scope not in TargetScope.values:
        errors.append(("target_scope", "未知的社区范围。"))
    elif scope == TargetScope.TOWNSHIPS:
        found = set(
            Org.objects.filter(prefix_q(county.region_prefix), code__in=townships, kind=OrgKind.TOWNSHIP).values_list(
                "code", flat=True
            )
        )
        if not townships:
            errors.append(("target_townships", "请至少选择一个乡镇（街道）。"))
        elif found != set(townships):
            errors.append(("target_townships", "所选乡镇不在本县（区）范围内。"))
    else:
        townships = []

    dates: dict[str, dt.date | None] = {}
    for name in ("start_date", "end_date"):
        try:
            dates[name] = _date(raw.get(name))
        except ValueError:
            errors.append((name, f"{LABELS[name]}格式应为 2026-01-31。"))
            dates[name] = None
        else:
            if dates[name] is None:
                errors.append((name, f"请填写{LABELS[name]}。"))
    start, end = dates["start_date"], dates["end_date"]
    if start and end:
        if end < start:
            errors.append(("end_date", "结束日期不能早于开始日期。"))
        elif (end - start).days > 366 * MAX_YEARS:
            errors.append(("end_date", f"实施期限不能超过 {MAX_YEARS} 年。"))

    if errors:
        unique = list(dict.fromkeys(errors))  # first occurrence of each, in order
        raise ActionError(
            "；".join(f"{LABELS.get(f, f)}：{m}" for f, m in unique),
            field=unique[0][0],
            errors=[{"field": f, "label": LABELS.get(f, f), "message": m} for f, m in unique],
        )
    affected = affected_orgs(county, scope, townships, values["applies_to"]).count()
    return {
        "kind": kind,
        "affairs": affairs,
        "title": values["title"],
        "description": description,
        "basis": values["basis"],
        "category": values["category"],
        "cert_kind": values["cert_kind"],
        "community_roles": values["community_roles"],
        "funding_amount": values["funding_amount"],
        "funding_source": values["funding_source"],
        "frequency_count": values["frequency_count"],
        "frequency_unit": values["frequency_unit"],
        "minutes_per_occurrence": values["minutes_per_occurrence"],
        "target_scope": scope,
        "target_townships": townships,
        "applies_to": values["applies_to"],
        "affected_count": affected,
        "start_date": start,
        "end_date": end,
    }
