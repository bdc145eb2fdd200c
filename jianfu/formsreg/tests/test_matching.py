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


def test_a_county_adds_its_own_name_for_a_figure_on_the_lexicon_page_and_registration_reuses_it(
    world, lists, client_for
):
    from jianfu.matching.index import lexicon_for as work_lexicon
    from jianfu.matching.models import SynonymGroup

    first = actions.do_register_form(
        actor=world.dept_officer,
        data=form_data(fields=[{"name": "持证残疾人数", "type": "integer", "unit": "人"},
                               {"name": "退役军人数", "type": "integer", "unit": "人"}]),
    )  # fmt: skip
    # Without the county's words, 「复员退伍军人数」 is not 「退役军人数」, and 「残联登记人数」 is no base figure.
    assert not matcher.score(spec("复员退伍军人数", "人"), spec("退役军人数", "人"), matcher.lexicon_for("610921")).same
    r = client_for("county_mzj").post(
        "/lists/lexicon/", {"kind": "field", "term": "退役军人数", "aliases": "复员退伍军人数、退役军人人数"}
    )
    assert r.status_code == 302
    client_for("county_mzj").post("/lists/lexicon/", {"kind": "field", "term": "残疾人数", "aliases": "残联登记人数"})
    assert SynonymGroup.objects.filter(kind="field").count() == 2
    page = client_for("community_worker").get("/lists/lexicon/").content.decode()
    assert "复员退伍军人数" in page and "表格指标同义词" in page
    # A field group is no work synonym: the gate's lexicon does not know it, and the county still
    # reads the shipped work groups (its lexicon was not copied in by a field edit).
    work = work_lexicon(world.county.region_code)
    assert "复员退伍军人数" not in work.term_map and work.term_map["违章建筑"] == "拆违"
    second = actions.do_register_form(
        actor=world.dept_officer2,
        data=form_data(title="优抚对象情况表", list_item_code="F-01",
                       fields=[{"name": "复员退伍军人数", "type": "integer", "unit": "人"},
                               {"name": "残联登记人数", "type": "integer", "unit": "人"}]),
    )  # fmt: skip
    got = {f.name: f for f in second.fields.all()}
    assert got["复员退伍军人数"].reuse_of == first.fields.get(name="退役军人数")
    # A county group whose standard name is a base figure adds a name to that figure (pre-fill).
    assert got["残联登记人数"].concept == matcher.base_key_of("残疾人数")
    # Another county never sees these words.
    assert not matcher.score(spec("复员退伍军人数", "人"), spec("退役军人数", "人"), matcher.lexicon_for("610922")).same


def test_only_the_county_list_owner_edits_field_groups_and_another_county_cannot_touch_them(world, client_for):
    from jianfu.matching.models import SynonymGroup

    data = {"kind": "field", "term": "退役军人数", "aliases": "复员退伍军人数"}
    r = client_for("dept_officer").post("/lists/lexicon/", data)
    assert r.status_code == 403 and not SynonymGroup.objects.exists()
    client_for("county_mzj").post("/lists/lexicon/", data)
    group = SynonymGroup.objects.get()
    assert client_for("other_county_officer").get(f"/lists/lexicon/{group.pk}/").status_code == 404
    # Editing keeps the kind, whatever the form posts.
    client_for("county_mzj").post(
        f"/lists/lexicon/{group.pk}/", {"kind": "work", "term": "退役军人数", "aliases": "复员退伍军人数、退役士兵数"}
    )
    group.refresh_from_db()
    assert group.kind == "field" and group.aliases == "复员退伍军人数、退役士兵数"
