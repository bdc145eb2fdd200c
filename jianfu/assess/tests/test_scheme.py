"""The annual scheme: only the township assesses, indicators only from the lists, plaques never,
resident satisfaction the main criterion."""

from __future__ import annotations

import pytest

from jianfu.assess import actions
from jianfu.assess.choices import IndicatorKind, SchemeState
from jianfu.assess.models import Indicator, Scheme
from jianfu.core.errors import ActionError, NotAllowed

from .helpers import publish_lists, ready_scheme


def test_a_township_creates_one_scheme_a_year(world):
    scheme = actions.do_create_scheme(actor=world.township_officer, year=2026)
    assert scheme.township == world.chengguan and scheme.region_code == world.chengguan.region_code
    assert scheme.state == SchemeState.DRAFT and scheme.satisfaction_floor == 50
    with pytest.raises(ActionError, match="每年只进行一次"):
        actions.do_create_scheme(actor=world.township_officer, year=2026)
    assert Scheme.objects.count() == 1


@pytest.mark.parametrize("persona", ["dept_officer", "county_mzj", "community_worker", "sysadmin", "leading_group"])
def test_nobody_but_the_township_may_create_a_scheme(world, persona):
    with pytest.raises(NotAllowed, match="部门不得单独考核社区"):
        actions.do_create_scheme(actor=getattr(world, persona), year=2026)
    assert not Scheme.objects.exists()


def test_a_township_department_may_not_assess_communities_either(world):
    from jianfu.orgs.choices import Role
    from jianfu.orgs.models import User

    office = User.objects.create_user("office", org=world.chengguan_office, role=Role.DEPT_OFFICER)
    with pytest.raises(NotAllowed):
        actions.do_create_scheme(actor=office, year=2026)
    assert not Scheme.objects.exists()


def test_a_satisfaction_floor_below_half_is_refused(world):
    with pytest.raises(ActionError, match="50%"):
        actions.do_create_scheme(actor=world.township_officer, year=2026, satisfaction_floor=40)
    assert not Scheme.objects.exists()


def test_an_indicator_must_be_a_current_list_item(world):
    publish_lists(world)
    scheme = actions.do_create_scheme(actor=world.township_officer, year=2026)
    for code in ("", "XX-99"):
        with pytest.raises(ActionError, match="清单"):
            actions.do_add_indicator(
                scheme, actor=world.township_officer, kind=IndicatorKind.ITEM, item_code=code, weight=10
            )
    assert not Indicator.objects.exists()


@pytest.mark.parametrize(("code", "message"), [("PZ-01", "牌子"), ("PB-01", "创建达标")])
def test_a_plaque_or_creation_campaign_is_never_a_criterion(world, code, message):
    publish_lists(world)
    scheme = actions.do_create_scheme(actor=world.township_officer, year=2026)
    with pytest.raises(ActionError, match=message):
        actions.do_add_indicator(
            scheme, actor=world.township_officer, kind=IndicatorKind.ITEM, item_code=code, weight=10
        )
    assert not Indicator.objects.exists()


def test_list_items_may_not_crowd_out_resident_satisfaction(world):
    publish_lists(world)
    town = world.township_officer
    scheme = actions.do_create_scheme(actor=town, year=2026)
    actions.do_add_indicator(scheme, actor=town, kind=IndicatorKind.ITEM, item_code="LZ-01", weight=40)
    with pytest.raises(ActionError, match="至少 50%"):
        actions.do_add_indicator(scheme, actor=town, kind=IndicatorKind.ITEM, item_code="LZ-02", weight=20)
    assert scheme.indicators.count() == 1


def test_scoring_opens_only_when_weights_sum_to_100_and_residents_carry_the_floor(world):
    publish_lists(world)
    town = world.township_officer
    scheme = actions.do_create_scheme(actor=town, year=2026, satisfaction_floor=60)
    actions.do_add_indicator(scheme, actor=town, kind=IndicatorKind.ITEM, item_code="LZ-01", weight=40)
    actions.do_add_indicator(scheme, actor=town, kind=IndicatorKind.SATISFACTION, key="consultation", weight=50)
    with pytest.raises(ActionError, match="合计须为 100%，当前为 90%"):
        actions.do_open_scoring(scheme, actor=town)
    actions.do_add_indicator(scheme, actor=town, kind=IndicatorKind.SATISFACTION, key="covenant", weight=10)
    scheme = actions.do_open_scoring(scheme, actor=town)
    assert scheme.state == SchemeState.SCORING
    with pytest.raises(ActionError, match="不能再修改"):
        actions.do_add_indicator(scheme, actor=town, kind=IndicatorKind.WORKER, key="meeting", weight=1)


def test_an_unknown_satisfaction_key_or_bad_weight_is_refused(world):
    scheme = actions.do_create_scheme(actor=world.township_officer, year=2026)
    with pytest.raises(ActionError, match="满意度指标"):
        actions.do_add_indicator(
            scheme, actor=world.township_officer, kind=IndicatorKind.SATISFACTION, key="plaques", weight=10
        )
    with pytest.raises(ActionError, match="权重"):
        actions.do_add_indicator(
            scheme, actor=world.township_officer, kind=IndicatorKind.SATISFACTION, key="services", weight="abc"
        )
    assert not Indicator.objects.exists()


def test_another_township_may_not_touch_the_scheme(world):
    scheme = ready_scheme(world)
    with pytest.raises(NotAllowed):
        actions.do_add_indicator(
            scheme, actor=world.township2_officer, kind=IndicatorKind.SATISFACTION, key="services", weight=1
        )
    with pytest.raises(NotAllowed):
        actions.do_open_scoring(scheme, actor=world.township2_officer)
    scheme.refresh_from_db()
    assert scheme.state == SchemeState.DRAFT and scheme.indicators.count() == 4


def test_scoring_opens_on_a_ready_scheme_and_is_audited(world):
    from jianfu.core.models import AuditEntry

    scheme = actions.do_open_scoring(ready_scheme(world), actor=world.township_officer)
    assert scheme.state == SchemeState.SCORING
    assert AuditEntry.objects.filter(event_type="assess.scheme.open", object_id=str(scheme.pk)).exists()
