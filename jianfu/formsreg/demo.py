"""Demo registry for 汉阴县 (610921): ~40 forms from 12 departments with overlapping fields
(``demo_data.FORMS``), the merges the duplicate page suggests (before/after), 城关镇's published
annual schedule, 东关社区's base data and a few submissions that show the pre-fill.

Idempotent: skipped when 汉阴县 already has registered forms.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets

from django.db import transaction
from django.utils import timezone

from jianfu.catalog.choices import Category
from jianfu.catalog.selectors import current_items
from jianfu.orgs.actions import do_create_user
from jianfu.orgs.choices import Role
from jianfu.orgs.models import Org, User

from . import actions, duplicates, prefill, selectors
from .demo_data import FORMS, fields_of
from .models import FormDef, Schedule

COUNTY = "610921"
TOWNSHIP = "610921100"
COMMUNITY = "610921100001"
PENDING = {"重点人员管控台账汇总表", "长期护理保险需求调查表"}  # no list item: they go to admission
BASE = {
    "households": "1268", "residents": "3412", "registered": "3005", "floating": "512", "age_0_17": "596",
    "age_18_59": "2089", "age_60": "727", "age_80": "118", "dibao_households": "46", "dibao_persons": "81",
    "tekun": "7", "disabled": "93", "empty_nest": "64", "left_children": "12", "veterans": "58", "unemployed": "41",
    "insured_pension": "1875", "insured_medical": "2934", "grids": "9", "buildings": "64", "party_members": "132",
    "volunteers": "315", "social_orgs": "11", "area": "1.8", "staff": "9",
}  # fmt: skip


def _due_dates(unit: str, year: int) -> list[str]:
    if unit == "month":
        return [dt.date(year, m, 20).isoformat() for m in range(1, 13)]
    if unit == "quarter":
        return [dt.date(year, m, 25).isoformat() for m in (3, 6, 9, 12)]
    return [dt.date(year, 11, 30).isoformat()]


def _officer(dept: Org) -> User:
    user = User.objects.filter(org=dept, role=Role.DEPT_OFFICER, is_active=True).first()
    if user is None:
        user = do_create_user(actor=None, username=f"forms_{dept.code.lower()}", full_name=f"{dept.name}经办人",
                              org=dept, role=Role.DEPT_OFFICER, password=secrets.token_urlsafe(16),
                              _skip_password_validation=True)  # fmt: skip
    return user


def _items(county: Org) -> dict[str, str]:
    """The current 填报表格 item of each department (by name), and a fallback under ""."""
    items = list(current_items(county, category=Category.FORM).select_related("department"))
    if not items:
        items = list(current_items(county).exclude(category=Category.NEGATIVE)[:1])
    out = {i.department.name: i.code for i in items if i.department is not None}
    if items:
        out[""] = items[0].code
    return out


@transaction.atomic
def load() -> None:
    county = Org.objects.filter(code=COUNTY).first()
    township = Org.objects.filter(code=TOWNSHIP).first()
    community = Org.objects.filter(code=COMMUNITY).first()
    users = {u.username: u for u in User.objects.filter(username__in=["mzj", "chengguan", "dongguan"])}
    if county is None or township is None or community is None or len(users) < 3:
        return
    if FormDef.objects.within(COUNTY).exists():
        return
    year = timezone.localdate().year
    items = _items(county)
    depts = {d.code: d for d in Org.objects.filter(code__in={f"{COUNTY}{f[0]}" for f in FORMS})}
    for suffix, title, unit, basis, level, spec in FORMS:
        dept = depts.get(f"{COUNTY}{suffix}")
        if dept is None:
            continue
        code = "" if title in PENDING else items.get(dept.name, items.get("", ""))
        actions.do_register_form(
            actor=_officer(dept),
            data={"title": title, "year": year, "frequency_count": 1, "frequency_unit": unit,
                  "due_dates": _due_dates(unit, year), "basis": basis, "basis_level": level, "list_item_code": code,
                  "funding_amount": "1000", "funding_source": f"{dept.name}工作经费",
                  "fields": [{"name": f["name"], "unit": f["unit"]} for f in fields_of(spec)]},
        )  # fmt: skip
    # Before → after: the county's 民政局 merges what the duplicate page suggests.
    for pair in duplicates.county_report(COUNTY).pairs:
        actions.do_merge_forms(pair.keep, pair.drop, actor=users["mzj"])
    # 城关镇's one schedule for the year, with every form in force.
    for form in selectors.active_forms(COUNTY).order_by("pk"):
        actions.do_schedule_form(township, form, actor=users["chengguan"], year=year)
    plan = Schedule.objects.get(township=township, year=year)
    if not actions.over_cap(plan):
        actions.do_publish_schedule(plan, actor=users["chengguan"])
    # 东关社区 keeps its base data once, then fills the first forms of the year.
    worker = users["dongguan"]
    actions.do_set_base_data(community, actor=worker, values=BASE)
    rng = random.Random(13)
    # The first quarter: monthly forms three times, quarterly ones once. A pre-filled figure the
    # worker finds unchanged is kept; about one in seven has changed and is typed anew.
    rows = [r for r in selectors.calendar_of(community, year) if r["scheduled"] and r["due"].month <= 3]
    for row in rows:
        offered = prefill.prefill(row["form"], community)
        values = {
            str(i.field.pk): i.value if i.value and rng.random() < 0.85 else str(rng.randint(1, 60))
            for i in offered.items
        }
        actions.do_submit(row["form"], actor=worker, due_date=row["due"].isoformat(), values=values)
