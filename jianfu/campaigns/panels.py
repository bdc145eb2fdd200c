"""Home panels of campaigns: a township's open ledger rows and 整改 items; rectifications waiting
for the county's acceptance."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.home import Panel, head_and_count

from . import selectors
from .permissions import is_county_lead, is_township_officer


def ledger_panel(user: Any) -> Panel | None:
    if is_township_officer(user):
        items, findings = selectors.township_open_work(user)
        first_findings, n_findings = head_and_count(findings.order_by("deadline", "id"), 3)
        first_items, n_items = head_and_count(items.order_by("deadline", "id"), 3)
        lines = [
            (_("整改：{t}（{d} 前）").format(t=f.description, d=f.deadline), reverse("campaigns:finding", args=[f.pk]))
            for f in first_findings
        ]
        lines += [
            (_("台账：{t}（{d} 前）").format(t=i.title, d=i.deadline), reverse("campaigns:item", args=[i.pk]))
            for i in first_items
        ]
        overdue = any(f.deadline < timezone.localdate() for f in first_findings)  # listed soonest first
        return Panel(
            title=_("专项行动工作台账"),
            count=n_items + n_findings or None,
            lines=lines,
            more_url=reverse("campaigns:list"),
            empty_text=_("暂无待办事项。"),
            tone="warn" if overdue or lines else "ok",
            order=45,
        )
    if is_county_lead(user):
        waiting = selectors.awaiting_acceptance(user)
        rows, total = head_and_count(waiting.select_related("township").order_by("rectified_at", "id"), 5)
        if not total:
            return None
        lines = [
            (
                _("{town}：{text}").format(town=f.township.name, text=f.description),
                reverse("campaigns:finding", args=[f.pk]),
            )
            for f in rows
        ]
        return Panel(
            title=_("待验收的整改事项"),
            count=total,
            lines=lines,
            more_url=reverse("campaigns:list"),
            tone="warn",
            order=45,
        )
    return None
