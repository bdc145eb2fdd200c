"""Approval puts the item into the next draft of the county's lists (the catalog app's action)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from jianfu.catalog.actions import do_add_item
from jianfu.catalog.selectors import list_owner_org
from jianfu.core.errors import ActionError

from .models import Application


def item_data(app: Application, code: str | None = None) -> dict[str, Any]:
    """The application as a list item (catalog.validation.clean_item's keys)."""
    return {
        "code": code or app.item_code,
        "title": app.title,
        "category": app.category,
        "cert_kind": app.cert_kind,
        "basis": app.basis,
        "department": app.applicant_org if app.applicant_org.is_department else None,
        "scope": app.description,
        "process": "",
        "community_roles": list(app.community_roles or []),
        "funding_amount": app.funding_amount,
        "funding_source": app.funding_source,
        "frequency_count": app.frequency_count,
        "frequency_unit": app.frequency_unit,
        "minutes_per_occurrence": app.minutes_per_occurrence,
        "applies_to": app.applies_to,
    }


def add_approved_item(app: Application) -> Any:
    """Add the approved application to the lists draft. The platform does this on the 领导小组's
    behalf (actor None); the approver's own audit entry is the transition's."""
    owner = list_owner_org(app.applicant_org)
    if owner is None:
        raise ActionError(_("未找到申请单位所属县（区）的清单，无法纳入清单。"))
    return do_add_item(owner, actor=None, data=item_data(app), source_ref=f"admission:{app.pk}")
