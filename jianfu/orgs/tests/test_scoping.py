"""Who sees what: one scoping rule, by region-code prefix of the user's jurisdiction."""

from __future__ import annotations

from jianfu.orgs.scoping import in_scope, jurisdiction, scope_prefix, visible_orgs
from jianfu.orgs.selectors import org_tree


def codes(user):
    return set(visible_orgs(user).values_list("code", flat=True))


def test_a_township_officer_sees_only_their_township(world):
    seen = codes(world.township_officer)
    assert seen == {"610921100", "610921100T01", "610921100001", "610921100002", "610921100201"}


def test_a_community_worker_sees_only_their_community(world):
    assert codes(world.community_worker) == {"610921100001"}


def test_a_county_department_acts_in_its_whole_county(world):
    assert jurisdiction(world.dept_officer) == world.county
    seen = codes(world.dept_officer)
    assert "610921101201" in seen and "610921D02" in seen
    assert not any(code.startswith("610922") for code in seen)


def test_a_user_of_another_county_sees_nothing_of_this_one(world):
    seen = codes(world.other_county_officer)
    assert seen and all(code.startswith("610922") for code in seen)
    assert not in_scope(world.other_county_officer, world.dongguan.region_code)


def test_a_disabled_user_or_org_sees_nothing(world):
    user = world.township_officer
    user.is_active = False
    assert scope_prefix(user) is None and not codes(user)
    world.chengguan.is_active = False
    world.chengguan.save()
    user.is_active = True
    user.refresh_from_db()
    assert scope_prefix(user) is None


def test_the_tree_is_rooted_at_the_jurisdiction(world):
    roots = org_tree(world.township_officer)
    assert [r.org.code for r in roots] == ["610921100"]
    children = [c.org.code for c in roots[0].children]
    assert children[0] == "610921100T01"  # departments first
    assert roots[0].grassroots_count == 3
