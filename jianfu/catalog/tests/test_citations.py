"""Policy citations (政策依据): rules cite documents by title; a county cites its own documents."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.admission.tests.lists import publish_lists
from jianfu.burden import actions as burden_actions
from jianfu.burden.choices import Kind
from jianfu.catalog import actions
from jianfu.catalog.citations import DEFAULTS, citations_for, cite
from jianfu.catalog.models import Citation
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.core.models import AuditEntry
from jianfu.dispatch import gate
from jianfu.supervision.models import Case

pytestmark = pytest.mark.django_db

OWN = {"title": "汉阴县社区工作事项准入制度", "doc_number": "汉政办发〔2026〕12号", "issuer": "汉阴县人民政府办公室",
       "section": "第三条", "excerpt": "未列入社区工作事项清单的事项，社区一律不予承接"}  # fmt: skip


def test_every_default_cites_a_document_by_title_never_an_internal_reference():
    for key, (_label, c) in DEFAULTS.items():
        assert c.key == key and c.text.startswith("《") and "》" in c.text
        for internal in ("DOMAIN", "seed", "000", "003", "004"):
            assert internal not in c.text, (key, c.text)


def test_a_county_cites_its_own_document_and_the_gate_and_the_rules_page_show_it(world, client_for):
    publish_lists(world)
    before = gate.check(world.dongguan, title="协助开展宠物登记", description="各社区协助入户登记宠物信息")
    assert before.verdict == "unlisted" and "《北京最大限度减少下派社区任务" in before.findings[0].citation
    client_for("county_mzj").post("/lists/citations/gate.unlisted/", OWN)
    after = gate.check(world.dongguan, title="协助开展宠物登记", description="各社区协助入户登记宠物信息")
    assert after.findings[0].citation == (
        "《汉阴县社区工作事项准入制度》（汉政办发〔2026〕12号）第三条：未列入社区工作事项清单的事项，社区一律不予承接"
    )
    page = client_for("community_worker").get("/lists/citations/").content.decode()
    assert "汉政办发〔2026〕12号" in page and "本县" in page
    # Another county still cites the default.
    assert cite("gate.unlisted", world.other_county_officer.org.region_code).title != OWN["title"]
    entry = AuditEntry.objects.get(event_type="catalog.citation.save")
    assert "北京" in entry.before["text"] and "汉阴县社区工作事项准入制度" in entry.after["text"]


def test_a_breach_case_cites_the_county_document_for_the_limit(world, client_for):
    client_for("county_mzj").post(
        "/lists/citations/burden.township_meetings/",
        {**OWN, "title": "汉阴县规范社区会议实施办法", "excerpt": "镇召开社区会议每月不超过4次"},
    )
    page = client_for("township_officer").get("/burden/rules/").content.decode()
    assert "《汉阴县规范社区会议实施办法》" in page and "DOMAIN" not in page and "000 篇" not in page
    for i in range(5):
        burden_actions.do_record_event(
            actor=world.township_officer, kind=Kind.MEETING, convener=world.chengguan, title=f"例会{i}",
            occurred_on=dt.date(2026, 3, 2) + dt.timedelta(days=i), minutes=60, communities=[world.dongguan],
            reason="防汛紧急部署",
        )  # fmt: skip
    case = Case.objects.get(source="breach")
    assert "《汉阴县规范社区会议实施办法》" in case.rule_ref and "镇召开社区会议每月不超过4次" in case.rule_ref


@pytest.mark.parametrize(
    ("data", "field"),
    [({**OWN, "title": ""}, "title"), ({**OWN, "excerpt": ""}, "excerpt"),
     ({**OWN, "title": "<script>alert(1)</script>"}, "title"), ({**OWN, "section": "条" * 61}, "section")],
)  # fmt: skip
def test_bad_citations_are_refused_in_chinese_and_nothing_is_saved(world, data, field):
    with pytest.raises(ActionError) as exc:
        actions.do_save_citation(world.county, actor=world.county_mzj, key="gate.unlisted", data=data)
    assert exc.value.field == field and not Citation.objects.exists()


def test_only_the_county_list_owners_edit_and_reset_and_another_county_touches_only_its_own(world, client_for):
    with pytest.raises(NotAllowed):
        actions.do_save_citation(world.county, actor=world.dept_officer, key="gate.unlisted", data=OWN)
    with pytest.raises(NotAllowed):
        actions.do_save_citation(world.county, actor=world.other_county_officer, key="gate.unlisted", data=OWN)
    assert client_for("community_worker").post("/lists/citations/gate.unlisted/", OWN).status_code == 403
    assert client_for("county_mzj").get("/lists/citations/no.such.rule/").status_code == 404
    client_for("county_mzj").post("/lists/citations/gate.unlisted/", OWN)
    client_for("other_county_officer").post("/lists/citations/gate.unlisted/", {**OWN, "title": "邻县的文件"})
    assert citations_for(world.county.region_code)["gate.unlisted"].title == OWN["title"]
    assert cite("gate.unlisted", world.other_county_officer.org.region_code).title == "邻县的文件"
    # Resetting returns the county to the default; a second reset says there is nothing to reset.
    r = client_for("county_mzj").post("/lists/citations/gate.unlisted/reset/", follow=True)
    assert "已恢复" in r.content.decode() and not cite("gate.unlisted", world.county.region_code).own
    r = client_for("county_mzj").post("/lists/citations/gate.unlisted/reset/", follow=True)
    assert "无需恢复" in r.content.decode()
    assert Citation.objects.filter(title="邻县的文件").exists()
