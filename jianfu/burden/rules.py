"""The limits: which rule applies to a community, and which entries break which rule.

``precheck_event`` answers before anything is saved ("this meeting would be the 5th this month");
``evaluate`` runs on entries just added and returns the findings the action turns into breaches.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from django.db.models import Q

from jianfu.catalog.choices import FrequencyUnit
from jianfu.orgs.models import Org

from .choices import COUNTY_LEVELS, DEFAULT_RULES, TOWNSHIP_LEVELS, Kind, Period, RuleCode, SourceLevel
from .models import LedgerEntry, LimitRule


@dataclass
class Finding:
    """One rule one community would break (or broke)."""

    rule: LimitRule
    community: Org
    department: Org
    occurred_on: dt.date
    count: int
    period: str
    entries: list[LedgerEntry] = field(default_factory=list)
    detail: str = ""

    @property
    def message(self) -> str:
        if self.rule.limit and self.rule.code in (
            RuleCode.COUNTY_MEETINGS,
            RuleCode.TOWNSHIP_MEETINGS,
            RuleCode.TOWNSHIP_INSPECTIONS,
        ):
            return (
                f"{self.community.name}：{self.period}将是第 {self.count} 次，超过“{self.rule.title}”"
                f"（上限 {self.rule.limit} 次）"
            )
        return f"{self.community.name}：违反“{self.rule.title}”{('，' + self.detail) if self.detail else ''}"


def level_of(org: Org) -> str:
    """The level of the org that caused an entry."""
    kind = org.kind
    if kind == "department":
        parent_kind = org.parent.kind if org.parent is not None else ""
        return {"county": SourceLevel.COUNTY_DEPT, "township": SourceLevel.TOWNSHIP_DEPT}.get(
            parent_kind, SourceLevel.ABOVE
        )
    return {
        "county": SourceLevel.COUNTY,
        "township": SourceLevel.TOWNSHIP,
        "community": SourceLevel.COMMUNITY,
        "village": SourceLevel.COMMUNITY,
    }.get(kind, SourceLevel.ABOVE)


def rule_for(code: str, region_code: str) -> LimitRule | None:
    """The rule in force for a community: its nearest jurisdiction's own row, else the default.
    None when the jurisdiction switched the rule off."""
    prefixes = {region_code[:n] for n in (2, 4, 6, 9)} | {""}
    rows = sorted(
        LimitRule.objects.filter(code=code, region_code__in=prefixes), key=lambda r: len(r.region_code), reverse=True
    )
    if not rows:
        limit, _period, basis = DEFAULT_RULES[code]
        rows = [
            LimitRule.objects.get_or_create(region_code="", code=code, defaults={"limit": limit, "basis": basis})[0]
        ]
    rule = rows[0]
    return rule if rule.is_active else None


def _period_bounds(day: dt.date, unit: str) -> tuple[dt.date, dt.date, str]:
    if unit == Period.YEAR or unit == FrequencyUnit.YEAR:
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), f"{day.year} 年"
    if unit == FrequencyUnit.QUARTER:
        q = (day.month - 1) // 3
        start = dt.date(day.year, q * 3 + 1, 1)
        end = (dt.date(day.year + (q == 3), (q * 3 + 3) % 12 + 1, 1)) - dt.timedelta(days=1)
        return start, end, f"{day.year} 年第 {q + 1} 季度"
    if unit == FrequencyUnit.WEEK:
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6), f"{start:%m-%d} 起的一周"
    start = day.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return start, end, f"{day.year} 年 {day.month} 月"


def case_group(rule: LimitRule, period: str, day: dt.date) -> tuple[str, str]:
    """(key, label) of the supervision case a breach belongs to, with its responsible unit: one
    case per unit, rule and period. A rule without a period of its own (a department inspecting a
    community directly) is grouped by the month it happened in."""
    label = period or _period_bounds(day, FrequencyUnit.MONTH)[2]
    return f"{rule.code}|{label}", label


# Counted rules: (rule, kind, levels, period).
COUNTED = (
    (RuleCode.COUNTY_MEETINGS, Kind.MEETING, COUNTY_LEVELS, Period.YEAR),
    (RuleCode.TOWNSHIP_MEETINGS, Kind.MEETING, TOWNSHIP_LEVELS, Period.MONTH),
    (RuleCode.TOWNSHIP_INSPECTIONS, Kind.INSPECTION, TOWNSHIP_LEVELS, Period.MONTH),
)


def _counted_rule(kind: str, level: str) -> tuple[str, tuple[str, ...], str] | None:
    for code, k, levels, period in COUNTED:
        if k == kind and level in levels:
            return code, levels, period
    return None


def _same_period(community: Org, kind: str, levels: tuple[str, ...], start: dt.date, end: dt.date) -> Q:
    return Q(community=community, kind=kind, source_level__in=levels, occurred_on__gte=start, occurred_on__lte=end)


def precheck_event(*, kind: str, convener: Org, occurred_on: dt.date, communities: list[Org]) -> list[Finding]:
    """The rules a proposed meeting or inspection would break, one finding per community."""
    level = level_of(convener)
    findings: list[Finding] = []
    counted = _counted_rule(kind, level)
    for community in communities:
        if counted is not None:
            code, levels, period = counted
            rule = rule_for(code, community.region_code)
            if rule is not None and rule.limit is not None:
                start, end, label = _period_bounds(occurred_on, period)
                n = LedgerEntry.objects.filter(_same_period(community, kind, levels, start, end)).count() + 1
                if n > rule.limit:
                    findings.append(Finding(rule, community, convener, occurred_on, n, label))
        if kind == Kind.INSPECTION and level == SourceLevel.COUNTY_DEPT:
            rule = rule_for(RuleCode.DEPT_INSPECTION, community.region_code)
            if rule is not None:
                findings.append(
                    Finding(rule, community, convener, occurred_on, 1, "", detail=f"{convener.name}直接检查社区")
                )
    return findings


ITEM_RULES: dict[str, RuleCode] = {
    Kind.FORM: RuleCode.FORMS,
    Kind.PLAQUE: RuleCode.PLAQUES,
    Kind.APP: RuleCode.APPS,
    Kind.CERTIFICATE: RuleCode.CERTIFICATES,
}


def evaluate(entry: LedgerEntry) -> list[Finding]:
    """The rules a just-saved entry breaks (counting itself)."""
    community, source = entry.community, entry.source_org
    findings: list[Finding] = []

    def found(code: str, n: int = 1, period: str = "", entries: list | None = None, detail: str = "") -> None:
        rule = rule_for(code, community.region_code)
        if rule is not None:
            findings.append(Finding(rule, community, source, entry.occurred_on, n, period, entries or [entry], detail))

    counted = _counted_rule(entry.kind, entry.source_level)
    if counted is not None:
        code, levels, period = counted
        rule = rule_for(code, community.region_code)
        if rule is not None and rule.limit is not None:
            start, end, label = _period_bounds(entry.occurred_on, period)
            same = list(LedgerEntry.objects.filter(_same_period(community, entry.kind, levels, start, end)))
            if len(same) > rule.limit:
                findings.append(Finding(rule, community, source, entry.occurred_on, len(same), label, same))
    if entry.kind == Kind.INSPECTION and entry.source_level == SourceLevel.COUNTY_DEPT:
        found(RuleCode.DEPT_INSPECTION, detail=f"{source.name}直接检查社区")
    if entry.kind == Kind.ASSESSMENT and entry.is_veto:
        found(RuleCode.VETO, detail="实行了一票否决")
    if entry.kind in ITEM_RULES:
        if not entry.listed:
            found(ITEM_RULES[entry.kind], detail="该项不在现行清单中")
        elif entry.kind == Kind.FORM and entry.list_item is not None:
            item = entry.list_item
            allowed = math.ceil(item.frequency_count)
            start, end, label = _period_bounds(entry.occurred_on, item.frequency_unit)
            same = list(
                LedgerEntry.objects.filter(
                    community=community, kind=Kind.FORM, list_item__code=item.code, occurred_on__range=(start, end)
                )
            )
            if len(same) > allowed:
                found(
                    RuleCode.FORMS,
                    len(same),
                    label,
                    same,
                    detail=(
                        f"《{item.title}》清单频次为{item.get_frequency_unit_display()} {allowed} 次，"
                        f"{label}已填 {len(same)} 次"
                    ),
                )
    return findings
