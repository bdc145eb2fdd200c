"""Reads of the registry. The registry of a county is one list every user of that county may
read (一表通: the forms communities fill are public to them); a form awaiting admission only to
its owner and the county's reviewers. Base data and submissions stay with their community and
the units above it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from jianfu.core.errors import NotFound
from jianfu.orgs import tree
from jianfu.orgs.choices import OrgKind, Role
from jianfu.orgs.models import Org
from jianfu.orgs.permissions import has_role
from jianfu.orgs.scoping import jurisdiction, restrict, scope_prefix

from .choices import FormState, ScheduleState
from .models import BaseFact, Demand, FormDef, FormField, Schedule, ScheduleEntry, Submission
from .permissions import is_community_worker

APPROVED = "approved"  # admission's approved state


def registry_prefix(user: Any) -> str | None:
    """The region prefix whose registry the user reads: their county (a township or community
    reads the whole county's forms), or their own wider division."""
    prefix = scope_prefix(user)
    if prefix is None or prefix == "":
        return prefix
    division = jurisdiction(user)
    if division is not None and len(prefix) > len(tree.county_code(division.region_code)):
        return tree.county_code(division.region_code)
    return prefix


def active_q(prefix: str = "") -> Q:
    """Forms in force: registered on a list item, or with their admission application approved."""
    p = prefix
    return Q(**{f"{p}state": FormState.ACTIVE}) | Q(
        **{f"{p}state": FormState.PENDING, f"{p}application__state": APPROVED}
    )


def effective_state(form: FormDef) -> str:
    application = form.application if form.application_id else None
    if form.state == FormState.PENDING and application is not None and application.state == APPROVED:
        return FormState.ACTIVE
    return form.state


def forms_for(user: Any) -> QuerySet[FormDef]:
    prefix = registry_prefix(user)
    if prefix is None:
        return FormDef.objects.none()
    qs = FormDef.objects.select_related("owner_org", "list_item", "application", "merged_into")
    qs = qs.within(prefix) if prefix else qs
    if has_role(user, Role.LIST_OWNER, Role.APPROVER):
        return qs
    own = Q(owner_org=user.org) if user.org_id else Q(pk__in=[])
    return qs.filter(own | ~Q(state=FormState.PENDING) | active_q())


def active_forms(prefix: str) -> QuerySet[FormDef]:
    return FormDef.objects.within(prefix).filter(active_q()).select_related("owner_org")


def get_form(user: Any, pk: Any) -> FormDef:
    form = forms_for(user).filter(pk=pk).first() if str(pk).isdigit() else None
    if form is None:
        raise NotFound(_("未找到该表格。"))
    return form


def fields_of(form: FormDef) -> QuerySet[FormField]:
    return form.fields.select_related("reuse_of__form__owner_org").order_by("position")


def county_fields(prefix: str, *, exclude_form: FormDef | None = None) -> QuerySet[FormField]:
    """Every field of the county's forms in force (what a new form is matched against)."""
    qs = FormField.objects.within(prefix).filter(active_q("form__")).select_related("form__owner_org")
    return qs.exclude(form=exclude_form) if exclude_form is not None else qs


def communities_for(user: Any) -> QuerySet[Org]:
    """Communities whose base data and submissions the user may read."""
    if is_community_worker(user):
        return Org.objects.filter(pk=user.org_id)
    if has_role(user, Role.TOWNSHIP_OFFICER, Role.LIST_OWNER, Role.APPROVER):
        return restrict(tree.grassroots_of(""), user).order_by("code")
    return Org.objects.none()


def get_community(user: Any, code: Any) -> Org:
    org = communities_for(user).filter(code=str(code)).first()
    if org is None:
        raise NotFound(_("未找到该社区，或不在您的辖区内。"))
    return org


def base_facts(community: Org) -> dict[str, BaseFact]:
    qs = BaseFact.objects.filter(community=community).select_related("source_org", "source_form", "updated_by")
    return {f.key: f for f in qs}


def submissions_for(user: Any) -> QuerySet[Submission]:
    qs = Submission.objects.select_related("form__owner_org", "community")
    if is_community_worker(user):
        return qs.filter(community=user.org)
    if has_role(user, Role.DEPT_OFFICER):
        return restrict(qs.filter(form__owner_org=user.org), user, "form__region_code")
    if has_role(user, Role.TOWNSHIP_OFFICER, Role.LIST_OWNER, Role.APPROVER):
        return restrict(qs, user)
    return qs.none()


def get_submission(user: Any, pk: Any) -> Submission:
    sub = submissions_for(user).filter(pk=pk).first() if str(pk).isdigit() else None
    if sub is None:
        raise NotFound(_("未找到该填报。"))
    return sub


def township_of(user: Any) -> Org | None:
    division = jurisdiction(user)
    if division is None:
        return None
    if division.kind == OrgKind.TOWNSHIP:
        return division
    if division.kind in (OrgKind.COMMUNITY, OrgKind.VILLAGE):
        return division.parent
    return None


def schedule_of(township: Org, year: int) -> Schedule | None:
    return Schedule.objects.filter(township=township, year=year).first()


def schedules_for(user: Any) -> QuerySet[Schedule]:
    qs = Schedule.objects.select_related("township")
    if has_role(user, Role.TOWNSHIP_OFFICER):
        return restrict(qs, user)
    if has_role(user, Role.LIST_OWNER, Role.APPROVER):
        return restrict(qs, user)
    return qs.none()


def entries_of(schedule: Schedule) -> QuerySet[ScheduleEntry]:
    return schedule.entries.select_related("form__owner_org").order_by("form__owner_org__code", "form__title")


def calendar_of(community: Org, year: int) -> list[dict[str, Any]]:
    """What a community fills in a year: the township's published schedule and any demand, each
    due date with whether it has been submitted."""
    township = community.parent
    rows: list[dict[str, Any]] = []
    done = {(s.form_id, s.due_date): s for s in Submission.objects.filter(community=community, due_date__year=year)}
    schedule = schedule_of(township, year) if township is not None else None
    if schedule is not None and schedule.state == ScheduleState.PUBLISHED:
        for entry in entries_of(schedule):
            for day in entry.due_dates:
                due = dt.date.fromisoformat(day)
                rows.append({"form": entry.form, "due": due, "scheduled": True, "breach": "",
                             "submission": done.get((entry.form_id, due))})  # fmt: skip
    seen = {(r["form"].pk, r["due"]) for r in rows}
    if township is not None:
        for d in Demand.objects.filter(township=township, due_date__year=year).select_related("form__owner_org"):
            if (d.form_id, d.due_date) not in seen:
                seen.add((d.form_id, d.due_date))
                rows.append({"form": d.form, "due": d.due_date, "scheduled": False, "breach": d.get_breach_display(),
                             "submission": done.get((d.form_id, d.due_date))})  # fmt: skip
    return sorted(rows, key=lambda r: (r["due"], r["form"].title))


def due_dates_for(form: FormDef, community: Org) -> list[dt.date]:
    """The dates this community owes this form (schedule or demand), any year."""
    return sorted({r["due"] for y in (form.year, form.year + 1) for r in calendar_of(community, y)
                   if r["form"].pk == form.pk})  # fmt: skip


def demands_for(user: Any) -> QuerySet[Demand]:
    qs = Demand.objects.select_related("form__owner_org", "township")
    if has_role(user, *(Role.DEPT_OFFICER,)):
        return qs.filter(form__owner_org=user.org)
    if has_role(user, Role.TOWNSHIP_OFFICER, Role.LIST_OWNER, Role.APPROVER):
        return restrict(qs, user)
    return qs.none()
