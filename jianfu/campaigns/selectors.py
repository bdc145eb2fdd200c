"""Reads of campaigns, each taking the user: the county's leads see their county's campaigns and
every township's rows; a township officer sees running campaigns of its county and only its own
rows; everybody else nothing. Another county's id is a 404."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.errors import NotFound
from jianfu.orgs import tree
from jianfu.orgs.models import Org

from .choices import CampaignState, FindingState, ItemStatus
from .models import (
    Campaign,
    Finding,
    FindingEvidence,
    Inspection,
    LedgerEvidence,
    LedgerItem,
    MonthlyReport,
    report_due,
)
from .permissions import is_county_lead, is_township_officer


def _pk(value: Any) -> int:
    text = str(value)
    return int(text) if text.isdigit() and len(text) < 18 else -1


def campaigns_for(user: Any) -> QuerySet[Campaign]:
    qs = Campaign.objects.select_related("county")
    if is_county_lead(user):
        return qs.restrict(user)
    if is_township_officer(user):
        county = tree.county_code(user.org.region_code)
        return qs.filter(county__code=county).exclude(state=CampaignState.DRAFT)
    return qs.none()


def get_campaign(user: Any, pk: Any) -> Campaign:
    campaign = campaigns_for(user).filter(pk=_pk(pk)).first()
    if campaign is None:
        raise NotFound(_("未找到该专项行动。"))
    return campaign


def items_for(user: Any, campaign: Campaign) -> QuerySet[LedgerItem]:
    """The ledger rows of a campaign the user may see: all for the county, its own for a township."""
    qs = campaign.items.select_related("township", "stage").order_by("township__code", "deadline", "id")
    if is_county_lead(user):
        return qs.restrict(user)
    if is_township_officer(user):
        return qs.filter(township_id=user.org_id)
    return qs.none()


def _in_campaigns(model: Any, user: Any) -> QuerySet[Any]:
    qs = model.objects.filter(campaign__in=campaigns_for(user))
    if is_township_officer(user):
        return qs.filter(township_id=user.org_id)
    return qs.restrict(user)


def get_item(user: Any, pk: Any) -> LedgerItem:
    item = _in_campaigns(LedgerItem, user).select_related("campaign", "stage", "township").filter(pk=_pk(pk)).first()
    if item is None:
        raise NotFound(_("未找到该台账事项。"))
    return item


def findings_for(user: Any, campaign: Campaign) -> QuerySet[Finding]:
    return (
        _in_campaigns(Finding, user)
        .filter(campaign=campaign)
        .select_related("township", "target", "stage", "inspection")
        .order_by("deadline", "id")
    )


def get_finding(user: Any, pk: Any) -> Finding:
    qs = _in_campaigns(Finding, user).select_related("campaign", "township", "target", "stage", "inspection")
    finding = qs.filter(pk=_pk(pk)).first()
    if finding is None:
        raise NotFound(_("未找到该整改事项。"))
    return finding


def inspections_for(user: Any, campaign: Campaign) -> QuerySet[Inspection]:
    return _in_campaigns(Inspection, user).filter(campaign=campaign).select_related("target").order_by("-date", "-id")


def reports_for(user: Any, campaign: Campaign) -> QuerySet[MonthlyReport]:
    return _in_campaigns(MonthlyReport, user).filter(campaign=campaign).select_related("township", "submitted_by")


def get_item_file(user: Any, pk: Any, file_pk: Any) -> LedgerEvidence:
    stored = get_item(user, pk).files.filter(pk=_pk(file_pk)).first()
    if stored is None:
        raise NotFound(_("未找到该文件。"))
    return stored


def get_finding_file(user: Any, pk: Any, file_pk: Any) -> FindingEvidence:
    stored = get_finding(user, pk).files.filter(pk=_pk(file_pk)).first()
    if stored is None:
        raise NotFound(_("未找到该文件。"))
    return stored


def township_open_work(user: Any) -> tuple[QuerySet[LedgerItem], QuerySet[Finding]]:
    """A township officer's unfinished ledger rows of running campaigns and its open 整改 items."""
    items = LedgerItem.objects.filter(township_id=user.org_id, campaign__state=CampaignState.RUNNING).exclude(
        status=ItemStatus.DONE
    )
    return items, Finding.objects.filter(township_id=user.org_id, state=FindingState.OPEN)


def awaiting_acceptance(user: Any) -> QuerySet[Finding]:
    """Rectifications reported to the county and not yet accepted or returned."""
    return Finding.objects.restrict(user).filter(state=FindingState.SUBMITTED)


def months_due(campaign: Campaign, today: dt.date | None = None) -> list[dt.date]:
    """The months whose report is already due (the due day of the next month has passed)."""
    today = today or timezone.localdate()
    first = campaign.stages.order_by("position").first()
    if first is None:
        return []
    month = first.start.replace(day=1)
    out: list[dt.date] = []
    while True:
        nxt = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        if report_due(month) >= today or len(out) >= 120:
            return out
        out.append(month)
        month = nxt


@dataclass
class TownshipProgress:
    """One township's line in the campaign report."""

    township: Org
    total: int = 0
    done: int = 0
    overdue_items: int = 0
    reports: int = 0
    late_reports: int = 0
    missing_reports: int = 0
    findings_open: int = 0
    findings_closed: int = 0
    findings_overdue: int = 0
    cases: int = 0
    months: list[tuple[dt.date, str]] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(self.done * 100 / self.total) if self.total else 0

    @property
    def overdue(self) -> int:
        return self.overdue_items + self.findings_overdue


def progress(user: Any, campaign: Campaign) -> list[TownshipProgress]:
    """Every township's progress the user may see: tasks done/total, overdue items, monthly
    reports (submitted, late, missing) and 整改 items open/closed. Counted in the database per
    township (a few queries, no row objects), so a county of 30 townships stays cheap."""
    today = timezone.localdate()
    open_item = ~Q(status=ItemStatus.DONE)
    items = (
        items_for(user, campaign)
        .order_by()
        .values("township_id")
        .annotate(
            total=Count("id"),
            done=Count("id", filter=Q(status=ItemStatus.DONE)),
            overdue=Count("id", filter=open_item & Q(deadline__lt=today)),
        )
    )
    accepted = Q(state=FindingState.ACCEPTED)
    findings = (
        findings_for(user, campaign)
        .order_by()
        .values("township_id")
        .annotate(
            closed=Count("id", filter=accepted),
            open=Count("id", filter=~accepted),
            overdue=Count("id", filter=Q(state=FindingState.OPEN, deadline__lt=today)),
            cases=Count("case_id"),
        )
    )
    reports = reports_for(user, campaign).order_by().values_list("township_id", "month", "submitted_at")
    counts: dict[int, dict[str, int]] = {}
    for row in items:
        counts.setdefault(row["township_id"], {}).update(total=row["total"], done=row["done"], overdue=row["overdue"])
    for frow in findings:
        counts.setdefault(frow["township_id"], {}).update(
            f_open=frow["open"], f_closed=frow["closed"], f_overdue=frow["overdue"], cases=frow["cases"]
        )
    submitted: dict[tuple[int, dt.date], bool] = {}
    for town_id, month, at in reports:
        submitted[(town_id, month)] = timezone.localdate(at) > report_due(month)
        counts.setdefault(town_id, {})
    due = months_due(campaign, today)
    out = []
    for town in Org.objects.filter(pk__in=list(counts)).order_by("code"):
        c = counts[town.pk]
        r = TownshipProgress(
            township=town,
            total=c.get("total", 0),
            done=c.get("done", 0),
            overdue_items=c.get("overdue", 0),
            findings_open=c.get("f_open", 0),
            findings_closed=c.get("f_closed", 0),
            findings_overdue=c.get("f_overdue", 0),
            cases=c.get("cases", 0),
        )
        mine = {month: late for (t, month), late in submitted.items() if t == town.pk}
        r.reports, r.late_reports = len(mine), sum(mine.values())
        for month in due:
            state = "missing" if month not in mine else ("late" if mine[month] else "ok")
            r.months.append((month, state))
            r.missing_reports += state == "missing"
        out.append(r)
    return out
