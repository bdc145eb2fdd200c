"""Reads of campaigns, each taking the user: the county's leads see their county's campaigns and
every township's rows; a township officer sees running campaigns of its county and only its own
rows; everybody else nothing. Another county's id is a 404."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.errors import NotFound
from jianfu.orgs import tree
from jianfu.orgs.models import Org

from .choices import REPORT_DUE_DAY, CampaignState, FindingState, ItemStatus
from .models import Campaign, Finding, FindingEvidence, Inspection, LedgerEvidence, LedgerItem, MonthlyReport
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
        if nxt.replace(day=REPORT_DUE_DAY) >= today or len(out) >= 120:
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
    reports (submitted, late, missing) and 整改 items open/closed."""
    today = timezone.localdate()
    rows: dict[int, TownshipProgress] = {}

    def row(org: Org) -> TownshipProgress:
        if org.pk not in rows:
            rows[org.pk] = TownshipProgress(township=org)
        return rows[org.pk]

    for item in items_for(user, campaign):
        r = row(item.township)
        r.total += 1
        r.done += item.status == ItemStatus.DONE
        r.overdue_items += item.status != ItemStatus.DONE and item.deadline < today
    for finding in findings_for(user, campaign):
        r = row(finding.township)
        closed = finding.state == FindingState.ACCEPTED
        r.findings_closed += closed
        r.findings_open += not closed
        r.findings_overdue += finding.state == FindingState.OPEN and finding.deadline < today
        r.cases += finding.case_id is not None
    due = months_due(campaign, today)
    submitted: dict[tuple[int, dt.date], MonthlyReport] = {
        (rep.township_id, rep.month): rep for rep in reports_for(user, campaign)
    }
    for r in rows.values():
        for month in due:
            rep = submitted.get((r.township.pk, month))
            state = "missing" if rep is None else ("late" if rep.is_late else "ok")
            r.months.append((month, state))
            r.missing_reports += state == "missing"
        mine = [rep for (town, _m), rep in submitted.items() if town == r.township.pk]
        r.reports = len(mine)
        r.late_reports = sum(rep.is_late for rep in mine)
    return sorted(rows.values(), key=lambda r: r.township.code)
