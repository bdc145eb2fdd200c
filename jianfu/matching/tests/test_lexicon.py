"""The synonym lexicon: shipped defaults, edits by the county's list owners only, and the gate
seeing an edit at once."""

from __future__ import annotations

import pytest

from jianfu.admission.tests.lists import publish_lists
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.core.models import AuditEntry
from jianfu.dispatch import gate
from jianfu.matching import actions
from jianfu.matching.defaults import DEFAULT_GROUPS
from jianfu.matching.index import lexicon_for
from jianfu.matching.models import SynonymGroup
from jianfu.matching.text import Lexicon, clauses, concepts

pytestmark = pytest.mark.django_db


def test_the_defaults_make_real_list_wording_meet_department_wording():
    lex = Lexicon(DEFAULT_GROUPS)
    assert concepts("违章建筑拆除", lex)[0] == concepts("拆迁拆违", lex)[1] == "拆违"
    assert "医保" in concepts("城乡居民基本医疗保险参保", lex)
    assert "创文" in concepts("创建文明城市宣传", lex) and "计生" in concepts("计划生育奖励扶助", lex)
    assert "招商" in concepts("完成招商引资任务", lex) and "双拥" in concepts("拥军优属", lex)


def test_a_long_item_is_split_into_its_phrases():
    assert clauses("行政执法、拆迁拆违、环境整治和招商引资") == ["行政执法", "拆迁拆违", "环境整治", "招商引资"]


def test_a_county_without_its_own_lexicon_uses_the_defaults(world):
    assert lexicon_for(world.county.region_code).term_map["违章建筑"] == "拆违"


def test_a_list_owner_adds_a_group_and_the_gate_uses_it_at_once(world):
    publish_lists(world)
    task = {"title": "惠民保宣传", "description": "宣传动员居民参加惠民保。"}
    assert gate.check(world.dongguan, **task).verdict == "unlisted"
    aliases = "医疗保险、城乡居民基本医疗保险、参保缴费、惠民保"
    actions.do_save_group(actor=world.county_mzj, county=world.county, data={"term": "医保", "aliases": aliases})
    after = gate.check(world.dongguan, **task)
    assert after.verdict == "listed" and after.list_item.code == "A-02", after.matches
    # the other defaults were copied in and still work
    assert gate.check(world.dongguan, title="各村负责辖区违章建筑拆除").verdict == "negative"
    assert SynonymGroup.objects.filter(region_code="610921").count() == len(DEFAULT_GROUPS)
    assert AuditEntry.objects.filter(event_type="matching.lexicon.save", actor=world.county_mzj).exists()


def test_only_the_countys_list_owners_edit_its_lexicon(world):
    for persona in ("dept_officer", "township_officer", "community_worker", "leading_group", "other_county_officer"):
        with pytest.raises(NotAllowed):
            actions.do_save_group(
                actor=world.users[persona], county=world.county, data={"term": "测试", "aliases": "测验"}
            )
    assert not SynonymGroup.objects.exists()


def test_the_other_county_cannot_edit_or_delete_this_countys_group(world, client_for):
    group = actions.do_save_group(actor=world.county_mzj, county=world.county, data={"term": "测试", "aliases": "测验"})
    with pytest.raises(NotAllowed):
        actions.do_delete_group(group, actor=world.other_county_officer, county=world.other_county)
    client = client_for("other_county_officer")
    assert client.post(f"/lists/lexicon/{group.pk}/", {"term": "测试", "aliases": "改掉"}).status_code == 404
    assert client.post(f"/lists/lexicon/{group.pk}/delete/").status_code == 404
    group.refresh_from_db()
    assert group.aliases == "测验"


@pytest.mark.parametrize(
    ("data", "field"),
    [({"term": "", "aliases": "甲乙"}, "term"), ({"term": "拆违", "aliases": ""}, "aliases"),
     ({"term": "拆违", "aliases": "拆"}, "aliases"), ({"term": "拆违、违建", "aliases": "违法建设"}, "term")],
)  # fmt: skip
def test_bad_groups_are_refused_and_nothing_is_saved(world, data, field):
    with pytest.raises(ActionError) as exc:
        actions.do_save_group(actor=world.county_mzj, county=world.county, data=data)
    assert exc.value.field == field and not SynonymGroup.objects.exists()


def test_the_page_shows_the_defaults_and_a_list_owner_saves_a_group(world, client_for):
    page = client_for("community_worker").get("/lists/lexicon/")
    assert (
        page.status_code == 200 and "违章建筑" in page.content.decode() and "保存</button>" not in page.content.decode()
    )
    r = client_for("county_mzj").post("/lists/lexicon/", {"term": "网格员", "aliases": "网格管理员、网格长"})
    assert r.status_code == 302 and SynonymGroup.objects.get(term="网格员").aliases == "网格管理员、网格长"
    r = client_for("county_mzj").post("/lists/lexicon/", {"term": "网格员", "aliases": "拆"})
    assert r.status_code == 200 and "每个同义词须为 2 至 32 个字" in r.content.decode()
