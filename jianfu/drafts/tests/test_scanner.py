"""The scanner on its own: clauses, who is bound, kinds, estimates (no database)."""

from __future__ import annotations

from jianfu.drafts.clauses import split_clauses
from jianfu.drafts.scanner import classify, frequency, scan
from jianfu.drafts.textio import to_simplified

NOTICE = (
    "各乡（镇）人民政府，县政府有关部门：\n"
    "一、认真实施\n"
    "各村民小组须在12月2日下午前将调查表（表一）报各村（居）委会，各村（居）委会须在12月3日上午前将调查汇总表（表二）报各乡（镇）。\n"
    "各乡（镇）须在12月3日下午5时前将汇总表（表三）报县统计局。\n"
    "任何部门和单位不得要求社区出具超出公章使用范围的各类证明。\n"
)


def test_a_notice_is_split_into_sentences_and_numbered_points() -> None:
    clauses = split_clauses("通知如下：一是每周报送台账；二是每月召开例会。\n(三)做好宣传。")
    texts = [c.text for c in clauses]
    assert texts == ["通知如下：", "一是每周报送台账；", "二是每月召开例会。", "(三)做好宣传。"]


def test_clause_offsets_point_at_the_clause_in_the_text() -> None:
    for c in split_clauses(NOTICE):
        assert NOTICE[c.start : c.end] == c.text


def test_it_flags_the_village_committee_reporting_a_form_by_a_deadline() -> None:
    result = scan(NOTICE, communities=120)
    flagged = result.flagged
    assert len(flagged) == 1
    hit = flagged[0]
    assert "各村（居）委会须在12月3日" in hit.clause.text
    assert hit.verdict.kind == "form"
    assert "deadline" in hit.verdict.kinds
    assert hit.gate["verdict"] == "unlisted"
    assert hit.communities == 120 and hit.total_minutes == 90 * 120
    assert hit.findings[0].rule.startswith("未入工作事项清单")


def test_the_township_reporting_to_the_county_puts_no_work_on_communities() -> None:
    assert not classify("各乡（镇）须在12月3日下午5时前将汇总表报县统计局。").burden


def test_a_restated_prohibition_puts_no_work_on_communities() -> None:
    assert not classify("任何部门和单位不得要求社区出具超出公章使用范围的各类证明。").burden
    assert not classify("乡镇人民政府对社区工作的检查每月不超过3次。").burden


def test_a_community_made_to_act_by_someone_else_is_flagged() -> None:
    verdict = classify("要求各社区每周五前报送网格员巡查台账。")
    assert verdict.burden and verdict.kind == "ledger"


def test_grid_workers_through_the_community_are_flagged() -> None:
    assert classify("网格员每天要对负责区域进行走访摸排。").burden


def test_a_community_as_recipient_or_place_is_not_the_subject() -> None:
    assert not classify("班子成员分片包干，组织工作人员深入各村（居）开展此项工作。").burden


def test_a_notice_addressed_to_villages_binds_them_with_please() -> None:
    result = scan("各村（社区）：\n相关资料请按时报送至镇应急办。")
    assert [c.verdict.kind for c in result.flagged] == ["report"]


def test_traditional_characters_are_converted_then_scanned() -> None:
    text, converted = to_simplified("各村按照分片包組進行網格化管理，並建立管理台賬。")
    assert converted and "台账" in text
    assert scan(text).flagged[0].verdict.kind == "ledger"


def test_frequency_sets_the_yearly_occurrences() -> None:
    assert frequency("每周一报送") == ("每周", 52)
    assert frequency("于12月3日前报送") == ("一次性", 1)


def test_a_full_width_point_marker_does_not_hide_the_village_committee_behind_it() -> None:
    assert classify(split_clauses("（三）各村（居）委会须于每月5日前报送老年人花名册。")[0].body).burden


def test_village_staff_named_by_job_title_are_the_community_side() -> None:
    for text in (
        "村会计每月5日前将收支明细报镇财政所。",
        "农村报账员每季度向镇经管站报账。",
        "网格管理员每周汇总走访记录。",
    ):
        assert classify(text).burden, text


def test_work_organised_per_village_or_guided_onto_villages_binds_them() -> None:
    assert classify("以行政村为单位组织农户填写种植面积登记表。").burden
    assert classify("县农业农村局指导乡镇、行政村建立耕地保护台账。").burden


def test_a_chain_of_assignment_ending_on_village_cadres_binds_them() -> None:
    assert classify("镇干部包村、村干部和村民小组长包干到户，逐户摸清外出务工人员底数。").burden


def test_a_post_set_up_in_every_village_is_a_named_duty() -> None:
    verdict = classify("各村设信息员1名，负责收集上报辖区安全隐患。")
    assert verdict.burden and "responsibility" in verdict.kinds


def test_words_inside_a_title_are_no_prohibition() -> None:
    assert classify("各社区对照《防止返贫监测摸底表》逐户核实并于月底前报镇。").burden


def test_a_village_committee_only_listed_as_a_survey_object_carries_no_duty() -> None:
    assert not classify("调查对象：辖区内农业经营户、家庭农场和村民委员会。").burden
    assert not classify("原则上只悬挂一块社区牌子。").burden
