"""The org tree's questions answered once (orgs.tree): the county of an org, the departments and
communities of a division, and who holds a role where (notification and reminder recipients)."""

from __future__ import annotations

from jianfu.orgs import tree
from jianfu.orgs.choices import DeptKind, Role
from jianfu.orgs.models import User


def codes(qs):
    return {o.code for o in qs}


def usernames(qs):
    return {u.username for u in qs}


def test_codes_are_cut_at_the_county_and_township_digits():
    assert tree.county_code("610921100001") == "610921"
    assert tree.township_code("610921100001") == "610921100"
    assert tree.county_code("610921") == "610921"


def test_the_county_of_any_org_of_the_county_is_the_county(world):
    for org in (world.county, world.mzj, world.chengguan, world.chengguan_office, world.dongguan, world.heqiao):
        assert tree.county_of(org) == world.county
    assert tree.county_of(world.other_community) == world.other_county
    # Above county level there is no county: the org's own division.
    assert tree.county_of(world.city) == world.city


def test_departments_of_a_county_include_its_townships_and_leave_out_the_other_county(world):
    county = codes(tree.departments_of(world.county))
    assert {"610921D01", "610921D02", "610921D03", "610921D04", "610921D05", "610921100T01"} == county
    assert codes(tree.departments_of(world.chengguan)) == {"610921100T01"}
    assert codes(tree.departments_of("610922")) == {"610922D02", "610922D04"}
    # County-level departments first.
    assert [o.code for o in tree.departments_of(world.county)][-1] == "610921100T01"


def test_a_disabled_department_is_not_among_the_departments(world):
    world.rsj.is_active = False
    world.rsj.save()
    assert "610921D05" not in codes(tree.departments_of(world.county))


def test_grassroots_of_a_division_are_its_communities_and_villages(world):
    assert codes(tree.grassroots_of(world.chengguan)) == {"610921100001", "610921100002", "610921100201"}
    assert codes(tree.grassroots_of(world.county)) == {
        "610921100001",
        "610921100002",
        "610921100201",
        "610921101001",
        "610921101201",
    }
    assert codes(tree.grassroots_of(world.mzj)) == codes(tree.grassroots_of(world.county))  # a department's county


def test_the_orgs_above_a_community_are_its_county_and_township_and_their_departments(world):
    above = codes(tree.ancestors_of_community(world.dongguan))
    assert {"610921", "610921D02", "610921100", "610921100T01"} <= above
    assert "610921101" not in above and "610921100001" not in above and "610922" not in above
    county_wide = codes(tree.sources_above(world.chengguan_office))
    assert {"610921101", "610921100T01", "610921D04"} <= county_wide
    assert not any(c.startswith("610922") for c in county_wide) and "610921100001" not in county_wide


def test_officers_by_role_in_one_org_or_several(world):
    assert usernames(tree.officers(world.wjj, Role.DEPT_OFFICER)) == {"dept_officer"}
    assert usernames(tree.officers(world.wjj, Role.LIST_OWNER)) == set()
    assert usernames(tree.officers([world.dongguan, world.heqiao], Role.COMMUNITY_WORKER)) == {
        "community_worker",
        "village_worker",
    }
    both = [Role.DEPT_OFFICER, Role.TOWNSHIP_OFFICER]
    assert usernames(tree.officers(world.chengguan, both)) == {"township_officer"}


def test_a_disabled_user_receives_nothing(world):
    User.objects.filter(username="dept_officer").update(is_active=False)
    assert usernames(tree.officers(world.wjj, Role.DEPT_OFFICER)) == set()


def test_officers_in_a_county_by_role_and_department_kind(world):
    assert usernames(tree.officers_in("610921", Role.APPROVER)) == {"leading_group"}
    assert usernames(tree.officers_in("610921", Role.LIST_OWNER)) == {"county_mzj", "county_zzb"}
    assert usernames(tree.officers_in("610921", Role.LIST_OWNER, dept_kind=DeptKind.ORGANISATION)) == {"county_zzb"}
    assert usernames(tree.officers_in(world.other_county, Role.LIST_OWNER)) == {"other_county_officer"}


def test_the_supervising_office_is_the_list_owners_of_the_county_of_a_code(world):
    assert usernames(tree.supervising_office("610921101201")) == {"county_mzj", "county_zzb"}
    assert usernames(tree.supervising_office("610922100001")) == {"other_county_officer"}


def test_in_division_checks_a_code_against_a_division_or_prefix(world):
    assert tree.in_division(world.wjj, world.county)
    assert tree.in_division(world.dongguan, "610921100")
    assert not tree.in_division(world.other_dept, world.county)
