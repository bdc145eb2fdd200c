"""Grids (网格): patrol units below a community whose code extends the community's code."""

from __future__ import annotations

import pytest

from jianfu.core.errors import ActionError, NotAllowed
from jianfu.orgs import tree
from jianfu.orgs.actions import do_create_grid, do_create_org
from jianfu.orgs.choices import OrgKind
from jianfu.orgs.scoping import in_scope, visible_orgs


def test_a_grid_code_is_the_community_code_and_three_digits():
    assert tree.grid_code("610921100001", 7) == "610921100001007"
    assert tree.grid_parent_code("610921100001007") == "610921100001"
    assert tree.grid_parent_code("610921100001") == ""
    assert tree.grid_parent_code("61092110000100x") == ""
    with pytest.raises(ValueError):
        tree.grid_code("610921100001", 1000)


def test_grids_are_numbered_one_after_another_and_share_the_community_region(world):
    first = do_create_grid(world.dongguan, actor=world.community_worker, name="第一网格")
    second = do_create_grid(world.dongguan, actor=world.township_officer, name="第二网格")
    assert (first.code, second.code) == ("610921100001001", "610921100001002")
    assert first.kind == OrgKind.GRID and first.parent == world.dongguan
    assert first.region_code == world.dongguan.region_code
    assert first.division == world.dongguan and first.region_prefix == "610921100001"
    assert tree.community_of(first) == world.dongguan
    assert tree.next_grid_code(world.dongguan) == "610921100001003"
    assert {g.code for g in tree.grids_of(world.chengguan)} == {first.code, second.code}
    assert list(tree.grids_of(world.xiguan)) == []


def test_grids_are_not_sources_of_work_nor_divisions(world):
    grid = do_create_grid(world.dongguan, actor=world.community_worker, name="第一网格")
    assert grid not in tree.sources_above(world.dongguan)
    assert grid not in tree.ancestors_of_community(world.dongguan)
    assert not grid.is_division and grid not in tree.grassroots_of(world.county)
    assert grid in visible_orgs(world.county_mzj) and in_scope(world.community_worker, grid.region_code)


def test_only_the_community_its_township_or_the_sysadmin_draw_its_grids(world):
    for user in (world.village_worker, world.township2_officer, world.dept_officer, world.other_sysadmin):
        with pytest.raises(NotAllowed):
            do_create_grid(world.dongguan, actor=user, name="越权网格")
    assert do_create_grid(world.dongguan, actor=world.sysadmin, name="网格A").code.endswith("001")
    with pytest.raises(NotAllowed):
        do_create_grid(world.chengguan, actor=world.sysadmin, name="乡镇不能直接划网格")


def test_a_grid_with_a_wrong_code_or_parent_is_refused(world):
    with pytest.raises(ActionError, match="3 位数字"):
        do_create_org(actor=None, code="610921100002001", name="错社区", kind=OrgKind.GRID, parent=world.dongguan)
    with pytest.raises(ActionError, match="3 位数字"):
        do_create_org(actor=None, code="610921100001000", name="零号", kind=OrgKind.GRID, parent=world.dongguan)
    with pytest.raises(ActionError, match="社区或村"):
        do_create_org(actor=None, code="610921100999", name="乡镇下", kind=OrgKind.GRID, parent=world.chengguan)
    do_create_grid(world.dongguan, actor=world.community_worker, name="第一网格")
    with pytest.raises(ActionError, match="已有名为"):
        do_create_grid(world.dongguan, actor=world.community_worker, name="第一网格")
