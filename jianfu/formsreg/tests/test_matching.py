"""Duplicate and look-alike fields: the matcher, reuse on registration, the county page, merging."""

from __future__ import annotations

import pytest

from jianfu.core.errors import ActionError, NotAllowed
from jianfu.formsreg import actions, duplicates, matcher
from jianfu.formsreg.models import FormDef

from .conftest import form_data

pytestmark = pytest.mark.django_db


def spec(name: str, unit: str = "", definition: str = "") -> matcher.FieldSpec:
    return matcher.FieldSpec(name, unit, definition)


def test_synonyms_units_and_definitions_decide_whether_two_fields_are_the_same_indicator():
    assert matcher.score(spec("低保家庭数", "户"), spec("低保户数", "户")).same
    assert matcher.score(spec("60周岁以上老人数", "人"), spec("60岁及以上老年人", "人")).same
    assert matcher.score(spec("辖区总户数"), spec("户数")).same
    # Same words, another unit: a different indicator.
    assert not matcher.score(spec("低保户数", "户"), spec("低保户数", "人")).same
    # Same name, another age threshold: at most a look-alike.
    lookalike = matcher.score(spec("老年人数", "人", "65周岁以上"), spec("老年人数", "人", "60周岁以上"))
    assert matcher.LOOKALIKE <= lookalike.score < matcher.SAME and lookalike.reason == "口径不同"
    assert matcher.score(spec("党员数"), spec("低保户数")).score < matcher.LOOKALIKE


def test_the_index_finds_the_same_field_among_many(world):
    index = matcher.FieldIndex(
        [spec(f"指标{i}号", "个") for i in range(500)] + [matcher.FieldSpec("残疾人数", "人", ref=7)]
    )
    found = index.match(spec("持证残疾人", "人"))
    assert found and found[0].ref == 7 and found[0].same


def test_a_field_another_department_collects_is_reused_and_the_officer_sees_who_collects_it(world, lists, client_for):
    first = actions.do_register_form(actor=world.dept_officer, data=form_data())
    second = actions.do_register_form(
        actor=world.dept_officer2,
        data=form_data(title="就业情况统计表", fields=[{"name": "辖区总户数", "unit": "户"},
                                                      {"name": "家庭医生签约人数", "unit": "人"},
                                                      {"name": "登记失业人数", "unit": "人"}]),
    )  # fmt: skip
    fields = {f.name: f for f in second.fields.all()}
    assert fields["家庭医生签约人数"].reuse_of.form == first
    assert fields["辖区总户数"].concept == "households"
    page = client_for("dept_officer2").get(f"/forms/{second.pk}/").content.decode()
    assert "已由汉阴县卫生健康局的《社区人口基本情况统计表》采集" in page
    # The officer may decline the reuse, and choose it again.
    own = actions.do_choose_reuse(fields["家庭医生签约人数"], actor=world.dept_officer2, reuse_of=None)
    assert own.reuse_of is None and own.concept == f"f{own.pk}"
    with pytest.raises(NotAllowed):
        actions.do_choose_reuse(own, actor=world.dept_officer, reuse_of=None)


def test_the_county_page_suggests_merging_look_alike_forms_and_says_what_it_saves(world, lists, client_for):
    keep = actions.do_register_form(actor=world.dept_officer, data=form_data())
    drop = actions.do_register_form(
        actor=world.dept_officer2,
        data=form_data(title="老年人基本情况表", fields=[{"name": "总户数", "unit": "户"},
                                                        {"name": "60周岁以上老人数", "unit": "人",
                                                         "definition": "年满60周岁"},
                                                        {"name": "常住人口数", "unit": "人"}]),
    )  # fmt: skip
    report = duplicates.county_report("610921")
    (pair,) = report.pairs
    assert (pair.keep, pair.drop) == (keep, drop) and pair.saved_indicators == 3
    assert pair.saved_hours > 0
    page = client_for("county_mzj").get("/forms/duplicates/").content.decode()
    assert "老年人基本情况表" in page and "合并" in page
    with pytest.raises(NotAllowed):
        actions.do_merge_forms(keep, drop, actor=world.dept_officer)
    response = client_for("county_mzj").post(f"/forms/{keep.pk}/merge/", {"drop": drop.pk})
    assert response.status_code == 302
    drop.refresh_from_db()
    assert drop.state == "merged" and drop.merged_into == keep
    assert keep.fields.count() == 4  # nothing added: every field of the dropped form was already there
    assert duplicates.county_report("610921").pairs == []
    with pytest.raises(ActionError):
        actions.do_merge_forms(keep, keep, actor=world.county_mzj)


def test_merging_adds_the_fields_only_the_dropped_form_had(world, lists):
    keep = actions.do_register_form(actor=world.dept_officer, data=form_data())
    drop = actions.do_register_form(
        actor=world.dept_officer2,
        data=form_data(title="另一张表", fields=[{"name": "户数", "unit": "户"}, {"name": "常住人口", "unit": "人"},
                                                {"name": "公益性岗位人数", "unit": "人"}]),
    )  # fmt: skip
    actions.do_merge_forms(keep, drop, actor=world.county_mzj)
    assert list(keep.fields.values_list("name", flat=True))[-1] == "公益性岗位人数"
    assert FormDef.objects.get(pk=drop.pk).state == "merged"
