"""Reads of resident projects: staff see the projects of their jurisdiction (a community its own,
a township its communities', the county all); the public board shows every stage of every
project without the proposer's contact."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from jianfu.core.errors import NotAllowed, NotFound
from jianfu.orgs.choices import GRASSROOTS_KINDS, OrgKind
from jianfu.orgs.models import Org
from jianfu.orgs.scoping import get_in_scope_or_404

from .choices import FUNDED, STAGES, RoundKind, RoundState
from .models import Envelope, MilestonePhoto, Project, VoteRound
from .permissions import can_see_numbers, can_see_projects


def projects_for(user: Any) -> QuerySet[Project]:
    if not can_see_projects(user):
        raise NotAllowed(_("您没有查看民生微实事项目的权限。"))
    return Project.objects.restrict(user).select_related("community", "township").order_by("-created_at", "-id")


def get_project(user: Any, pk: Any) -> Project:
    return get_in_scope_or_404(projects_for(user), user, pk=pk, message=_("未找到该项目。"))


def rounds_for(user: Any) -> QuerySet[VoteRound]:
    if not can_see_projects(user):
        raise NotAllowed(_("您没有查看投票的权限。"))
    return VoteRound.objects.restrict(user).select_related("community").order_by("-created_at", "-id")


def get_round(user: Any, pk: Any) -> VoteRound:
    return get_in_scope_or_404(rounds_for(user), user, pk=pk, message=_("未找到该投票。"))


def envelopes_for(user: Any) -> QuerySet[Envelope]:
    return Envelope.objects.restrict(user).select_related("township").order_by("-year", "region_code")


# --- public ---------------------------------------------------------------------------------


def public_division(code: str) -> Org:
    """A county, township or community whose board is public."""
    org = None
    if code.isdigit() and len(code) <= 12:
        org = Org.objects.filter(
            code=code, kind__in=[OrgKind.COUNTY, OrgKind.TOWNSHIP, *GRASSROOTS_KINDS], is_active=True
        ).first()
    if org is None:
        raise NotFound(_("未找到该地区。"))
    return org


def public_community(code: str) -> Org:
    org = public_division(code)
    if org.kind not in GRASSROOTS_KINDS:
        raise NotFound(_("请选择社区或村。"))
    return org


def public_projects(division: Org) -> QuerySet[Project]:
    return (
        Project.objects.within(division.region_prefix)
        .select_related("community")
        .order_by("-created_at", "-id")
        .defer("contact", "meeting_record", "description")
    )


def public_project(pk: Any) -> Project:
    project = (
        Project.objects.select_related("community", "township").filter(pk=pk).first() if str(pk).isdigit() else None
    )
    if project is None:
        raise NotFound(_("未找到该项目。"))
    return project


def public_round(pk: Any) -> VoteRound:
    found = VoteRound.objects.select_related("community").filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise NotFound(_("未找到该投票。"))
    return found


def open_round_of(project: Project) -> VoteRound | None:
    return project.rounds.filter(state=RoundState.OPEN).order_by("-id").first()


def public_photo(pk: Any) -> MilestonePhoto:
    """Milestone photos are public with their project (the board shows every stage)."""
    photo = MilestonePhoto.objects.filter(pk=pk).first() if str(pk).isdigit() else None
    if photo is None:
        raise NotFound(_("未找到该照片。"))
    return photo


def board_summary(qs: QuerySet[Project]) -> dict[str, Any]:
    counts = dict(qs.order_by().values_list("state").annotate(n=Count("id")).values_list("state", "n"))
    money = qs.filter(state__in=FUNDED).aggregate(budget=Sum("budget"), spent=Sum("spent"))
    return {
        "stages": [(s, s.label, counts.get(s.value, 0)) for s in STAGES],
        "budget": money["budget"] or Decimal(0),
        "spent": money["spent"] or Decimal(0),
        "total": sum(counts.values()),
    }


# --- numbers (township, county) --------------------------------------------------------------


def numbers(user: Any, year: int | None = None) -> dict[str, Any]:
    """Projects by stage, budget and spending, turnout and satisfaction per township."""
    if not can_see_numbers(user):
        raise NotAllowed(_("您没有查看民生微实事统计的权限。"))
    projects = Project.objects.restrict(user)
    rounds = VoteRound.objects.restrict(user)
    envelopes = Envelope.objects.restrict(user)
    if year:
        projects = projects.filter(year=year)
        rounds = rounds.filter(created_at__year=year)
        envelopes = envelopes.filter(year=year)
    towns: dict[int, dict[str, Any]] = {}
    for org in Org.objects.filter(pk__in=projects.values("township")).order_by("code"):
        towns[org.pk] = {"township": org, "projects": 0, "budget": Decimal(0), "spent": Decimal(0),
                         "envelope": Decimal(0), "codes": 0, "ballots": 0, "sat_sum": Decimal(0), "sat_n": 0,
                       "stages": {s.value: 0 for s in STAGES}}  # fmt: skip
    for row in (
        projects.order_by()
        .values("township", "state")
        .annotate(n=Count("id"), budget=Sum("budget", filter=Q(state__in=FUNDED)), spent=Sum("spent"))
    ):
        t = towns[row["township"]]
        t["projects"] += row["n"]
        t["stages"][row["state"]] += row["n"]
        t["budget"] += row["budget"] or 0
        t["spent"] += row["spent"] or 0
    for e in envelopes:
        if e.township_id in towns:
            towns[e.township_id]["envelope"] += e.amount
    for r in rounds.filter(state=RoundState.CLOSED).select_related("community"):
        town = towns.get(r.community.parent_id or 0)
        if town is not None:
            town["codes"] += r.codes_issued
            town["ballots"] += r.ballots
    for p in projects.filter(satisfaction__isnull=False).only("township", "satisfaction"):
        towns[p.township_id]["sat_sum"] += p.satisfaction or 0
        towns[p.township_id]["sat_n"] += 1
    rows = list(towns.values())
    for t in rows:
        t["turnout"] = round(100 * t["ballots"] / t["codes"], 1) if t["codes"] else None
        t["satisfaction"] = round(t["sat_sum"] / t["sat_n"], 2) if t["sat_n"] else None
        t["stage_list"] = [t["stages"][s.value] for s in STAGES]
    total = {
        "projects": sum(t["projects"] for t in rows),
        "budget": sum((t["budget"] for t in rows), Decimal(0)),
        "spent": sum((t["spent"] for t in rows), Decimal(0)),
        "envelope": sum((t["envelope"] for t in rows), Decimal(0)),
        "codes": sum(t["codes"] for t in rows),
        "ballots": sum(t["ballots"] for t in rows),
        "stage_list": [sum(t["stages"][s.value] for t in rows) for s in STAGES],
    }
    total["turnout"] = round(100 * total["ballots"] / total["codes"], 1) if total["codes"] else None
    sat_n = sum(t["sat_n"] for t in rows)
    total["satisfaction"] = round(sum(t["sat_sum"] for t in rows) / sat_n, 2) if sat_n else None
    return {"rows": rows, "total": total, "stages": [s.label for s in STAGES]}


def round_results(vote_round: VoteRound) -> list[tuple[Project, int | None]]:
    """Each project of a round with its counted votes (None until the round is counted)."""
    counted = dict(vote_round.tallies.values_list("project_id", "votes"))
    projects = list(vote_round.projects.order_by("id"))
    rows = [(p, counted.get(p.pk) if vote_round.state == RoundState.CLOSED else None) for p in projects]
    if vote_round.kind == RoundKind.SELECT and vote_round.state == RoundState.CLOSED:
        rows.sort(key=lambda r: -(r[1] or 0))
    return rows
