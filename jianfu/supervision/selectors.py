"""Reads of supervision, always restricted to what the user may see.

Two families: the supervising office's (everything in its county, reporter included) and the
department's (only cases with a 督办单 addressed to it, through ``case_for_department`` which
never carries reporter fields). Public reads (tracking code, published 通报) carry no identity.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jianfu.core import dates
from jianfu.core.crypto import mask_name, mask_phone
from jianfu.core.errors import NotFound
from jianfu.core.models import AuditEntry
from jianfu.orgs.choices import OrgKind, Role
from jianfu.orgs.models import Org
from jianfu.orgs.permissions import has_role
from jianfu.orgs.scoping import get_in_scope_or_404, restrict
from jianfu.orgs.tree import county_code, departments_of

from . import scoreboard as contributed
from .choices import DEPARTMENT_VISIBLE_STATES, REPORT_SOURCES, CaseSource, CaseState, NoticeState
from .models import Case, CaseItem, Evidence, Notice, Order, Recheck
from .permissions import is_supervisor

# --- the supervising office ------------------------------------------------------------------


def office_cases(
    user: Any, *, state: str = "", source: str = "", q: str = "", department: str = "", rule: str = ""
) -> QuerySet[Case]:
    """The county's queue for the supervising office (民政局/组织部); nothing for anybody else.
    ``department`` is a responsible unit's id, ``rule`` the rule broken as written on the case."""
    if not is_supervisor(user):
        return Case.objects.none()
    cases = restrict(Case.objects.select_related("department", "community"), user)
    if state == "open":
        cases = cases.exclude(state__in=[CaseState.CLOSED, CaseState.UNSUBSTANTIATED])
    elif state in CaseState.values:
        cases = cases.filter(state=state)
    if source in CaseSource.values:
        cases = cases.filter(source=source)
    if department.isdigit():
        cases = cases.filter(department_id=int(department))
    if rule:
        cases = cases.filter(rule_ref=rule)
    if q:
        cases = cases.filter(Q(title__icontains=q) | Q(description__icontains=q) | Q(tracking_code=q.upper()))
    return cases


# How the queue may be grouped: key → (label, the case field grouped on).
QUEUE_GROUPS: dict[str, tuple[Any, str]] = {
    "source": (gettext_lazy("来源"), "source"),
    "rule": (gettext_lazy("违反的规定"), "rule_ref"),
    "department": (gettext_lazy("责任单位"), "department__name"),
}


def queue_groups(cases: QuerySet[Case], by: str) -> list[dict[str, Any]]:
    """The filtered queue counted by source, rule or responsible unit, largest group first."""
    field = QUEUE_GROUPS[by][1]
    key = "department_id" if by == "department" else field
    rows = cases.order_by().values(key, *([field] if field != key else [])).annotate(n=Count("id", distinct=True))
    labels = dict(CaseSource.choices)
    out = [
        {
            "value": "" if r[key] is None else str(r[key]),
            "label": str(labels.get(r[field], r[field])) if by == "source" else (r[field] or "—"),
            "n": r["n"],
        }
        for r in rows
    ]
    return sorted(out, key=lambda g: (-g["n"], g["label"]))


def queue_filter_choices(user: Any) -> dict[str, list[tuple[str, str]]]:
    """The responsible units and rules that occur in the user's queue (for the filter menus)."""
    cases = office_cases(user).order_by()
    departments = Org.objects.filter(pk__in=cases.exclude(department=None).values("department")).order_by("name")
    rules = cases.exclude(rule_ref="").values_list("rule_ref", flat=True).distinct().order_by("rule_ref")[:100]
    return {"departments": [(str(o.pk), o.name) for o in departments], "rules": [(r, r) for r in rules]}


def case_items(case: Case) -> list[CaseItem]:
    """The findings behind a grouped case (communities and breaches), oldest first."""
    return list(case.items.select_related("community"))


def later_cases(case: Case) -> QuerySet[Case]:
    """Cases of the same group opened after this one was decided (they link back to it)."""
    return Case.objects.filter(previous=case).order_by("created_at", "id")


def get_office_case(user: Any, pk: int) -> Case:
    return get_in_scope_or_404(office_cases(user), user, pk=pk, message=_("未找到该案件。"))


# --- departments -----------------------------------------------------------------------------


def department_orders(user: Any) -> QuerySet[Order]:
    """督办单 addressed to the user's department (a department officer), newest first."""
    if not has_role(user, Role.DEPT_OFFICER) or user.org_id is None:
        return Order.objects.none()
    return restrict(Order.objects.select_related("case", "department", "issuing_office"), user).filter(
        department_id=user.org_id
    )


def office_orders(user: Any) -> QuerySet[Order]:
    if not is_supervisor(user):
        return Order.objects.none()
    return restrict(Order.objects.select_related("case", "department", "issuing_office"), user)


def get_order(user: Any, pk: int) -> Order:
    """One 督办单 for its department or the supervising office; NotFound for anybody else."""
    orders = office_orders(user) if is_supervisor(user) else department_orders(user)
    return get_in_scope_or_404(orders, user, pk=pk, message=_("未找到该督办单。"))


def department_cases(user: Any) -> QuerySet[Case]:
    if not has_role(user, Role.DEPT_OFFICER) or user.org_id is None:
        return Case.objects.none()
    return (
        restrict(Case.objects.select_related("department"), user)
        .filter(department_id=user.org_id, state__in=DEPARTMENT_VISIBLE_STATES, orders__isnull=False)
        .distinct()
    )


def case_for_department(case: Case) -> dict[str, Any]:
    """What a department may know of a case: never who reported it, nor (for reports by a person)
    which community it came from, nor the office's internal finding."""
    return {
        "id": case.pk,
        "title": case.title,
        "source": case.source,
        "source_label": case.get_source_display(),
        "state": case.state,
        "state_label": case.get_state_display(),
        "rule_ref": case.rule_ref,
        "department": case.department.name if case.department is not None else "",
        "community": case.community.name if case.source not in REPORT_SOURCES and case.community is not None else "",
        "created_at": case.created_at,
        "closed_at": case.closed_at,
    }


def case_for_office(case: Case) -> dict[str, Any]:
    data = case_for_department(case)
    data.update(
        {
            "description": case.description,
            "community": case.community.name if case.community is not None else "",
            "finding": case.finding,
            # masked (个人信息保护法): the full name and number only through the audited reveal
            **masked_reporter(case),
            "tracking_code": case.tracking_code,
            "substantiated_at": case.substantiated_at,
        }
    )
    return data


def reporter_of(case: Case) -> dict[str, str]:
    """The reporter's name and contact in clear — for ``actions.do_reveal_reporter`` only."""
    return {
        "name": case.reporter.get_full_name() if case.reporter is not None else case.reporter_name,
        "contact": case.reporter_contact or (case.reporter.phone if case.reporter is not None else ""),
    }


def masked_reporter(case: Case) -> dict[str, Any]:
    """A resident's name as 王*兰 and every contact as 139****2222 (a colleague's name stays)."""
    clear = reporter_of(case)
    return {
        "reporter_name": clear["name"] if case.reporter is not None else mask_name(clear["name"]),
        "reporter_contact": mask_phone(clear["contact"]),
        "reporter_masked": bool(clear["contact"]) or (case.reporter is None and bool(clear["name"])),
    }


def visible_case(user: Any, pk: int) -> tuple[Case, bool]:
    """(case, as_office) for the office or the case's department; NotFound otherwise."""
    if is_supervisor(user):
        return get_office_case(user, pk), True
    return get_in_scope_or_404(department_cases(user), user, pk=pk, message=_("未找到该案件。")), False


def case_history(user: Any, case: Case, *, as_office: bool) -> list[dict[str, Any]]:
    """Audit entries of the case, its 督办单 and 回头看. A department sees only what happened from
    the first 督办单 on, with offices named instead of people (no path back to the reporter)."""
    order_ids = [str(pk) for pk in case.orders.values_list("pk", flat=True)]
    recheck_ids = [str(pk) for pk in Recheck.objects.filter(case=case).values_list("pk", flat=True)]
    entries = (
        AuditEntry.objects.filter(
            Q(object_type="supervision.case", object_id=str(case.pk))
            | Q(object_type="supervision.order", object_id__in=order_ids)
            | Q(object_type="supervision.recheck", object_id__in=recheck_ids)
        )
        .select_related("org")
        .order_by("at", "id")
    )
    from jianfu.core.events import label

    rows = []
    for e in entries:
        if not as_office:
            if e.event_type in ("supervision.case.open", "supervision.case.set_facts", "supervision.case.verify"):
                continue
            if e.event_type in ("supervision.case.substantiate", "supervision.case.dismiss"):
                continue
        rows.append(
            {
                "at": e.at,
                "event": e.event_type,
                "label": label(e.event_type),
                "by": (e.actor_name if as_office else (e.org.name if e.org is not None else "系统")),
                "before": e.before.get("state") if isinstance(e.before, dict) else None,
                "after": e.after.get("state") if isinstance(e.after, dict) else None,
                "reason": e.reason if (as_office or e.event_type.startswith("supervision.case.send_back")) else "",
            }
        )
    return rows


def get_evidence(user: Any, pk: int) -> Evidence:
    """A file for the supervising office (any); a department only the files of its own replies."""
    if is_supervisor(user):
        qs = restrict(Evidence.objects.all(), user)
    elif has_role(user, Role.DEPT_OFFICER) and user.org_id is not None:
        qs = restrict(Evidence.objects.filter(reply__order__department_id=user.org_id), user)
    else:
        qs = Evidence.objects.none()
    return get_in_scope_or_404(qs, user, pk=pk, message=_("未找到该文件。"))


def own_reports(user: Any) -> QuerySet[Case]:
    """What a community worker reported, to follow its status."""
    if not getattr(user, "is_authenticated", False):
        return Case.objects.none()
    return Case.objects.filter(reporter=user, source=CaseSource.WORKER_REPORT)


def order_is_overdue(order: Order, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return order.accepted_at is None and order.case.state == CaseState.ORDERED and order.deadline < today


# --- public ------------------------------------------------------------------------------------


def public_county(code: str) -> Org:
    county = Org.objects.filter(code=code, kind=OrgKind.COUNTY, is_active=True).first()
    if county is None:
        raise NotFound(_("未找到该县（区）。"))
    return county


def tracking_status(code: str) -> dict[str, Any]:
    """Status and dates of a case by its tracking code: nothing else (no names, no content)."""
    code = (code or "").strip().upper()
    case = Case.objects.filter(tracking_code=code).first() if 12 <= len(code) <= 32 else None
    if case is None:
        raise NotFound(_("查询码不正确，请核对后重试。"))
    return {
        "tracking_code": case.tracking_code,
        "state": case.state,
        "state_label": case.get_state_display(),
        "received_at": case.created_at,
        "updated_at": case.updated_at,
        "closed_at": case.closed_at,
    }


def public_departments(county: Org) -> QuerySet[Org]:
    return departments_of(county_code(county.region_code))


def public_notices(county: Org) -> QuerySet[Notice]:
    return Notice.objects.filter(county=county, state=NoticeState.PUBLISHED).order_by("-published_at")


def get_public_notice(county: Org, pk: int) -> Notice:
    notice = public_notices(county).filter(pk=pk).first()
    if notice is None:
        raise NotFound(_("未找到该通报。"))
    return notice


# --- 通报 and the scoreboard ------------------------------------------------------------------


def notices_for(user: Any) -> QuerySet[Notice]:
    if not is_supervisor(user):
        return Notice.objects.none()
    return restrict(Notice.objects.select_related("office", "county"), user)


def get_notice(user: Any, pk: int) -> Notice:
    return get_in_scope_or_404(notices_for(user), user, pk=pk, message=_("未找到该通报。"))


def _day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    start, end = dates.clamp(start), dates.clamp(end)
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
    )


def notice_content(county_prefix: str, start: dt.date, end: dt.date) -> dict[str, Any]:
    """The body of a 通报: substantiated cases in the period by department, with overdue replies,
    repeat offenders (two or more cases, or one again after an earlier period) and on-time
    rectifications as good examples. Public-safe: titles, rules and document numbers only."""
    lo, hi = _day_bounds(start, end)
    cases = list(
        Case.objects.within(county_prefix)
        .filter(substantiated_at__gte=lo, substantiated_at__lt=hi)
        .exclude(department=None)
        .select_related("department")
        .prefetch_related("orders")
        .order_by("department__code", "substantiated_at")
    )
    earlier = set(
        Case.objects.within(county_prefix)
        .filter(substantiated_at__lt=lo)
        .exclude(department=None)
        .values_list("department_id", flat=True)
    )
    by_dept: dict[int, dict[str, Any]] = {}
    items = []
    for case in cases:
        department = case.department
        if department is None:  # excluded by the query above
            continue
        orders = list(case.orders.all())
        overdue = any(o.was_overdue for o in orders)
        row = by_dept.setdefault(
            department.pk,
            {"department": department.name, "cases": 0, "overdue": 0, "closed": 0, "repeat": False},
        )
        row["cases"] += 1
        row["overdue"] += int(overdue)
        row["closed"] += int(case.state == CaseState.CLOSED)
        items.append(
            {
                "department": department.name,
                # A report's title is the reporter's own words and may name a community or a
                # person; the public notice gives only the department, the rule and the 督办单.
                "title": "群众或社区反映的问题" if case.source in REPORT_SOURCES else case.title,
                "rule": case.rule_ref or (orders[0].rule if orders else ""),
                "doc_no": ", ".join(o.doc_no for o in orders),
                "state": case.get_state_display(),
                "overdue": overdue,
                "reopened": case.reopen_count > 0,
            }
        )
    for dept_id, row in by_dept.items():
        row["repeat"] = row["cases"] >= 2 or dept_id in earlier
    on_time = sorted(
        {
            o.department.name
            for o in Order.objects.within(county_prefix)
            .filter(accepted_at__gte=lo, accepted_at__lt=hi, was_overdue=False)
            .select_related("department")
        }
    )
    rows = sorted(by_dept.values(), key=lambda r: (-r["cases"], -r["overdue"], r["department"]))
    return {
        "rows": rows,
        "items": items,
        "good": on_time,
        "totals": {
            "cases": sum(r["cases"] for r in rows),
            "overdue": sum(r["overdue"] for r in rows),
            "departments": len(rows),
            "repeat": sum(1 for r in rows if r["repeat"]),
        },
    }


def scoreboard(user: Any, start: dt.date, end: dt.date, *, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Per department of the user's jurisdiction: cases substantiated, 督办单, overdue replies,
    open orders, and the figures other apps registered in ``scoreboard`` (burden registers the
    hours of community work each department caused, ``burden_hours``). Worst first."""
    today = today or timezone.localdate()
    departments = restrict(Org.objects.filter(kind=OrgKind.DEPARTMENT, is_active=True), user).exclude(
        dept_kind__in=["mzj", "zzb", "leading_group"]
    )
    lo, hi = _day_bounds(start, end)
    stats: dict[int, dict[str, Any]] = defaultdict(lambda: {"cases": 0, "orders": 0, "overdue": 0, "open": 0})
    for case in restrict(Case.objects.exclude(department=None), user).filter(
        substantiated_at__gte=lo, substantiated_at__lt=hi
    ):
        if case.department_id is not None:  # always, given the query
            stats[case.department_id]["cases"] += 1
    for order in restrict(Order.objects.select_related("case"), user).filter(issued_at__gte=lo, issued_at__lt=hi):
        s = stats[order.department_id]
        s["orders"] += 1
        s["overdue"] += int(order.was_overdue or order_is_overdue(order, today))
        s["open"] += int(order.accepted_at is None)
    figures = contributed.values_for(user, start, end)
    rows = []
    for dept in departments:
        s = stats.get(dept.pk, {"cases": 0, "orders": 0, "overdue": 0, "open": 0})
        rows.append(
            {
                "code": dept.code,
                "department": dept.name,
                **{key: values.get(dept.pk, Decimal(0)) for key, values in figures.items()},
                **s,
            }
        )
    rows.sort(key=lambda r: (-r["overdue"], -r["cases"], -(r.get("burden_hours") or 0), r["code"]))
    return rows


def get_recheck(user: Any, pk: int) -> Recheck:
    """A 回头看 of a case the supervising office may see, or NotFound."""
    rechecks = Recheck.objects.filter(case__in=office_cases(user)).select_related("case")
    return get_in_scope_or_404(rechecks, user, pk=pk, message=_("未找到该回头看。"))
