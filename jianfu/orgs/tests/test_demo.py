"""The demo jurisdiction: a real county with its real towns, generated committees marked as such."""

from __future__ import annotations

from jianfu.orgs import demo
from jianfu.orgs.choices import GRASSROOTS_KINDS, OrgKind, Role
from jianfu.orgs.models import Org, User


def test_the_demo_county_is_real_and_big_enough(db):
    demo.load()
    county = Org.objects.get(code=demo.DEMO_COUNTY)
    assert county.name == "汉阴县" and county.parent.name == "安康市" and county.parent.parent.name == "陕西省"
    townships = Org.objects.filter(parent=county, kind=OrgKind.TOWNSHIP)
    assert townships.count() >= 8
    assert {"城关镇", "涧池镇", "漩涡镇"} <= set(townships.values_list("name", flat=True))
    assert not townships.filter(is_generated=True).exists()
    grassroots = Org.objects.filter(region_code__startswith="610921", kind__in=GRASSROOTS_KINDS)
    assert grassroots.count() >= 60
    assert not grassroots.filter(is_generated=False).exists()
    assert all(o.code.startswith(o.parent.code) and len(o.code) == 12 for o in grassroots.select_related("parent"))
    departments = Org.objects.filter(parent=county, kind=OrgKind.DEPARTMENT)
    assert departments.count() >= 10
    assert {"mzj", "zzb", "leading_group"} <= set(departments.values_list("dept_kind", flat=True))


def test_every_role_has_a_demo_account_and_loading_twice_changes_nothing(db):
    demo.load()
    counts = (Org.objects.count(), User.objects.count())
    demo.load()
    assert (Org.objects.count(), User.objects.count()) == counts
    roles = set(User.objects.filter(org__region_code__startswith="610921").values_list("role", flat=True))
    assert roles == set(Role.values)
    assert {a.username for a in demo.demo_accounts()} <= set(User.objects.values_list("username", flat=True))
