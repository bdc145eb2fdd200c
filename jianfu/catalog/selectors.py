"""Reads of the lists. Published versions are public; drafts only for the jurisdiction's users."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Case, F, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.errors import NotFound
from jianfu.orgs.choices import OrgKind
from jianfu.orgs.models import Org
from jianfu.orgs.scoping import get_in_scope_or_404, jurisdiction, restrict
from jianfu.orgs.tree import grassroots_of

from .choices import (
    CATEGORY_SHORT,
    PER_YEAR,
    AppliesTo,
    Category,
    FrequencyUnit,
    VersionStatus,
    carries_burden,
)
from .models import ITEM_FIELDS, ListItem, ListVersion
from .permissions import can_edit_lists

# Divisions that may keep lists of their own (a county as a rule; a city or township optionally).
PUBLIC_KINDS = [OrgKind.COUNTY, OrgKind.CITY, OrgKind.TOWNSHIP]


def list_owner_org(org: Org) -> Org | None:
    """The jurisdiction whose lists apply to ``org``: the nearest ancestor-or-self county
    (a township's own list is optional; the county's is the one every community answers to)."""
    node: Org | None = org.division
    while node is not None and node.kind != OrgKind.COUNTY:
        node = node.parent
    return node


def versions_for(user: Any) -> QuerySet[ListVersion]:
    """Every version (drafts included) in the user's jurisdiction."""
    return restrict(ListVersion.objects.select_related("org"), user)


def published_versions(org: Org) -> QuerySet[ListVersion]:
    return ListVersion.objects.filter(org=org, status=VersionStatus.PUBLISHED).order_by("-number")


def current_version(org: Org) -> ListVersion | None:
    """The newest published version of ``org``'s lists (public), or None."""
    return published_versions(org).first()


def draft_version(org: Org) -> ListVersion | None:
    return ListVersion.objects.filter(org=org, status=VersionStatus.DRAFT).first()


def items_of(version: ListVersion) -> QuerySet[ListItem]:
    return version.items.select_related("department").order_by("sort_order", "code")


def current_items(org: Org, *, category: str | None = None) -> QuerySet[ListItem]:
    """Items of the current published version of the lists that apply to ``org`` (any org)."""
    owner = list_owner_org(org)
    version = current_version(owner) if owner else None
    if version is None:
        return ListItem.objects.none()
    items = items_of(version)
    return items.filter(category=category) if category else items


def negative_items(org: Org) -> QuerySet[ListItem]:
    return current_items(org, category=Category.NEGATIVE)


def communities_counts(org: Org) -> dict[str, int]:
    """How many urban communities and villages lie under ``org`` (for jurisdiction-wide hours)."""
    qs = grassroots_of(org)
    urban = qs.filter(kind=OrgKind.COMMUNITY).count()
    village = qs.filter(kind=OrgKind.VILLAGE).count()
    return {AppliesTo.URBAN: urban, AppliesTo.VILLAGE: village, AppliesTo.BOTH: urban + village}


# --- Who sees which lists -----------------------------------------------------------------------


def owner_for_user(user: Any) -> Org | None:
    """The jurisdiction whose lists a signed-in user works with (their county), or None."""
    division = jurisdiction(user)
    return list_owner_org(division) if division is not None else None


def public_owner(region_code: str) -> Org:
    """The division (county, or a township/city keeping its own lists) with this region code,
    for public pages and the API; NotFound for an unknown code."""
    org = (
        Org.objects.filter(region_code=region_code, kind__in=PUBLIC_KINDS, is_active=True).order_by("kind").first()
        if region_code.isdigit()
        else None
    )
    if org is None:
        raise NotFound(_("未找到该辖区。"))
    return org


def visible_versions(user: Any, owner: Org) -> QuerySet[ListVersion]:
    """Versions of ``owner``'s lists the user may read: published ones for everyone in the
    jurisdiction, the draft too for its list owners."""
    # Published versions are public; the draft is read through the editor's scope.
    published = Q(org=owner, status=VersionStatus.PUBLISHED)
    if can_edit_lists(user, owner):
        drafts = Q(pk__in=versions_for(user).filter(org=owner, status=VersionStatus.DRAFT).values("pk"))
        published |= drafts
    return ListVersion.objects.select_related("org").filter(published).order_by(F("number").desc(nulls_first=True))


def get_version(user: Any, owner: Org, number: int) -> ListVersion:
    version = visible_versions(user, owner).filter(number=number).first()
    if version is None:
        raise NotFound(_("未找到该版本。"))
    return version


def get_public_version(owner: Org, number: int) -> ListVersion:
    version = published_versions(owner).filter(number=number).first()
    if version is None:
        raise NotFound(_("未找到该版本。"))
    return version


def get_draft(user: Any, owner: Org) -> ListVersion:
    """The draft, for its list owners only; anybody else (or no draft) gets NotFound."""
    if not can_edit_lists(user, owner):
        raise NotFound(_("未找到草稿。"))
    draft = draft_version(owner)
    if draft is None:
        raise NotFound(_("当前没有草稿。"))
    return draft


def get_draft_item(user: Any, owner: Org, pk: int) -> ListItem:
    """One item of the draft by id; an item of another version or jurisdiction is NotFound."""
    draft = get_draft(user, owner)
    items = ListItem.objects.select_related("department", "version")
    return get_in_scope_or_404(items, user, pk=pk, version=draft, message=_("未找到该事项。"))


def public_jurisdictions() -> list[Org]:
    """Jurisdictions with at least one published version, for the public index (no login)."""
    ids = ListVersion.objects.filter(status=VersionStatus.PUBLISHED).values("org_id")
    return list(Org.objects.filter(pk__in=ids, is_active=True).select_related("parent").order_by("region_code"))


def public_item(owner: Org, code: str) -> ListItem:
    """An item at its stable URL: as it stands in the latest published version containing it."""
    item = (
        ListItem.objects.select_related("department", "version")
        .filter(version__org=owner, version__status=VersionStatus.PUBLISHED, code=code)
        .order_by("-version__number")
        .first()
    )
    if item is None:
        raise NotFound(_("未找到该事项。"))
    return item


# --- Searching and filtering --------------------------------------------------------------------

_SPLIT = re.compile(r"[\s,，、;；。]+")


def _terms_q(terms: list[str]) -> Q:
    q = Q()
    for term in terms:
        q &= Q(title__icontains=term) | Q(basis__icontains=term) | Q(scope__icontains=term) | Q(code__iexact=term)
    return q


def _jieba_terms(text: str) -> list[str]:
    import jieba  # imported lazily: loading its dictionary takes a moment

    jieba.setLogLevel(60)
    return [w for w in jieba.cut_for_search(text) if len(w.strip()) >= 2 and not _SPLIT.fullmatch(w)]


def search_items(
    items: QuerySet[ListItem], *, q: str = "", category: str = "", department: str = ""
) -> QuerySet[ListItem]:
    """Filter by category, department (code) and words. Every space-separated word must occur in
    the title, basis or scope; a phrase that matches nothing as written is cut into words (jieba)
    so that “开具高龄证明” still finds “高龄津贴证明”."""
    if category:
        items = items.filter(category=category)
    if department:
        items = items.filter(department__code=department)
    q = (q or "").strip()[:100]
    if not q:
        return items
    terms = [t for t in _SPLIT.split(q) if t]
    found = items.filter(_terms_q(terms))
    if len(terms) == 1 and len(q) > 2 and not found.exists():
        words = _jieba_terms(q)
        if words:
            # Items sharing the most words with the phrase first.
            score = sum(
                (Case(When(_terms_q([w]), then=Value(1)), default=Value(0)) for w in words),
                start=Value(0),
            )
            return items.annotate(score=score).filter(score__gt=0).order_by("-score", "sort_order", "code")
    return found


def departments_in(version: ListVersion) -> list[tuple[str, str]]:
    """(code, name) of the departments that appear in a version, for the filter."""
    rows = (
        version.items.exclude(department=None)
        .values_list("department__code", "department__name")
        .distinct()
        .order_by("department__code")
    )
    return list(rows)


# --- Burden estimate (Standard Cost Model) -----------------------------------------------------

_HOURS_FIELDS = (
    "category",
    "cert_kind",
    "plaque_kind",
    "department__name",
    "minutes_per_occurrence",
    "frequency_count",
    "frequency_unit",
    "applies_to",
)


def hours_of(minutes: int, count: Decimal, unit: str) -> Decimal:
    return Decimal(minutes) * Decimal(count) * PER_YEAR[FrequencyUnit(unit)] / Decimal(60)


@dataclass
class Total:
    label: str
    items: int = 0
    burden_items: int = 0
    hours: Decimal = Decimal(0)  # per community per year (sum over items)
    jurisdiction_hours: Decimal = Decimal(0)  # × the communities each item applies to

    def add(self, hours: Decimal, communities: int, burden: bool) -> None:
        self.items += 1
        if burden:
            self.burden_items += 1
            self.hours += hours
            self.jurisdiction_hours += hours * communities


@dataclass
class Totals:
    all: Total
    by_category: list[Total]
    by_department: list[Total]
    communities: dict[str, int]


def totals_of(version: ListVersion, owner: Org | None = None) -> Totals:
    """Counts and hours per category and per department, computed in one query."""
    counts = communities_counts(owner or version.org)
    grand = Total("合计")
    cats = {value: Total(str(CATEGORY_SHORT[Category(value)])) for value, _l in Category.choices}
    depts: dict[str, Total] = {}
    for cat, cert, plaque, dept, minutes, count, unit, applies in version.items.values_list(*_HOURS_FIELDS):
        hours = hours_of(minutes, count, unit)
        n = counts[AppliesTo(applies)]
        burden = carries_burden(cat, cert, plaque)
        grand.add(hours, n, burden)
        cats[cat].add(hours, n, burden)
        name = dept or "（未指定部门）"
        depts.setdefault(name, Total(name)).add(hours, n, burden)
    return Totals(
        all=grand,
        by_category=[t for t in cats.values() if t.items],
        by_department=sorted(depts.values(), key=lambda t: (-t.hours, t.label)),
        communities=counts,
    )


def reduction(old: ListVersion, new: ListVersion) -> Any:
    """Items and hours the community carries, before → after, per category and per body
    (``catalog.reduction``)."""
    from .reduction import reduction_between

    return reduction_between(old, new)


# --- Diff ---------------------------------------------------------------------------------------

DIFF_FIELDS = [f for f in ITEM_FIELDS if f not in ("code", "source_ref")]


def display_values(item: ListItem) -> dict[str, str]:
    """Each field of an item as people read it (labels, names, plain numbers)."""
    return {
        "title": item.title,
        "category": item.get_category_display(),
        "cert_kind": item.get_cert_kind_display() if item.cert_kind else "",
        "basis": item.basis,
        "department": item.department.name if item.department is not None else "",
        "scope": item.scope,
        "process": item.process,
        "community_roles": item.community_roles_display,
        "funding_amount": _plain(item.funding_amount),
        "funding_source": item.funding_source,
        "frequency_count": _plain(item.frequency_count),
        "frequency_unit": item.get_frequency_unit_display(),
        "minutes_per_occurrence": str(item.minutes_per_occurrence),
        "applies_to": item.get_applies_to_display(),
        "review_date": item.review_date.isoformat() if item.review_date else "",
        "statutory": "是" if item.statutory else "",
        "issuer": item.issuer,
        "doc_number": item.doc_number,
        "issued_on": item.issued_on.isoformat() if item.issued_on else "",
        "source_level": item.get_source_level_display() if item.source_level else "",
        "batch": item.batch,
        "adopted_from": item.adopted_from,
        "bodies": item.bodies_display,
        "community_types": item.community_types_display,
        "conditions": item.conditions,
        "plaque_kind": item.get_plaque_kind_display() if item.plaque_kind else "",
        "plaque_position": item.get_plaque_position_display() if item.plaque_position else "",
        "plaque_quota": "" if item.plaque_quota is None else str(item.plaque_quota),
    }


def _plain(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text


@dataclass
class Change:
    code: str
    title: str
    fields: list[tuple[str, str, str]]  # (label, before, after)
    item: ListItem


@dataclass
class Diff:
    old: ListVersion
    new: ListVersion
    added: list[ListItem]
    removed: list[ListItem]
    changed: list[Change]
    unchanged: int

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def diff_versions(old: ListVersion, new: ListVersion) -> Diff:
    """Items added, removed and changed (field by field) from ``old`` to ``new``, paired by code."""
    from .validation import FIELD_LABELS

    before = {i.code: i for i in items_of(old)}
    after = {i.code: i for i in items_of(new)}
    added = [i for c, i in after.items() if c not in before]
    removed = [i for c, i in before.items() if c not in after]
    changed: list[Change] = []
    unchanged = 0
    for code, new_item in after.items():
        old_item = before.get(code)
        if old_item is None:
            continue
        a, b = display_values(old_item), display_values(new_item)
        fields = [(FIELD_LABELS[f], a[f], b[f]) for f in DIFF_FIELDS if a[f] != b[f]]
        if fields:
            changed.append(Change(code, new_item.title, fields, new_item))
        else:
            unchanged += 1
    return Diff(old, new, added, removed, changed, unchanged)


# --- The 2–3-year full review -------------------------------------------------------------------

REVIEW_DUE_YEARS = 2
REVIEW_OVERDUE_YEARS = 3


@dataclass
class ReviewStatus:
    since: dt.date | None  # first publication, or the last full review
    due_date: dt.date | None
    overdue_date: dt.date | None
    due: bool
    overdue: bool
    items_past_review: int
    current: ListVersion | None = None  # the version in force

    @property
    def warn(self) -> bool:
        return self.due or self.items_past_review > 0


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def review_status(owner: Org, *, today: dt.date | None = None) -> ReviewStatus:
    """Whether the full review of the lists (every 2–3 years, seed 002) is due, and how many items
    of the current version are past their own review date."""
    today = today or timezone.localdate()
    published = list(published_versions(owner))  # newest first; a county has a handful
    last_full = next((v for v in published if v.full_review), None)
    first = published[-1] if published else None
    anchor = last_full or first
    since = None
    if anchor is not None:
        since = anchor.effective_date or timezone.localdate(anchor.published_at)
    current = published[0] if published else None
    past = current.items.filter(review_date__lt=today).count() if current is not None else 0
    if since is None:
        return ReviewStatus(None, None, None, False, False, past, current)
    due_date, overdue_date = _add_years(since, REVIEW_DUE_YEARS), _add_years(since, REVIEW_OVERDUE_YEARS)
    return ReviewStatus(since, due_date, overdue_date, today >= due_date, today >= overdue_date, past, current)
