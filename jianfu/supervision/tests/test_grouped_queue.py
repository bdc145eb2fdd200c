"""Grouped cases, the grouped and filtered queue, and bulk verify/dismiss (issue 19)."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.core.errors import ActionError, NotAllowed
from jianfu.core.models import AuditEntry
from jianfu.supervision import actions
from jianfu.supervision.choices import CaseSource, CaseState
from jianfu.supervision.models import Case

BULK = "/supervision/cases/bulk/"


def finding(world, community, *, n=1, department=None, key="township_meetings|2026 年 3 月"):
    return actions.do_open_case(
        actor=None,
        source=CaseSource.BREACH,
        region_code=community.region_code,
        title="城关镇：乡镇会议每月不超过 4 次（2026 年 3 月）",
        description="城关镇在 2026 年 3 月违反“乡镇会议每月不超过 4 次”。",
        rule_ref="乡镇会议每月不超过 4 次",
        community=community,
        department=department or world.chengguan,
        group_key=key,
        item=f"{community.name}：2026 年 3 月将是第 {n + 4} 次",
        occurred_on=dt.date(2026, 3, n),
    )


def refusal(world, title, *, community=None, department=None):
    community = community or world.dongguan
    return actions.do_open_case(
        actor=None,
        source=CaseSource.REFUSAL,
        region_code=community.region_code,
        title=title,
        community=community,
        department=department or world.wjj,
    )


@pytest.fixture
def mix(world):
    """Two received cases, one already verifying, one dismissed, and one of the other county."""
    received = [refusal(world, "要求社区上门登记"), refusal(world, "要求社区出具证明")]
    verifying = refusal(world, "要求社区填报表格")
    actions.do_move_case(verifying, "verify", actor=world.county_mzj)
    dismissed = refusal(world, "要求社区参加宣传")
    actions.do_move_case(dismissed, "verify", actor=world.county_mzj)
    actions.do_move_case(dismissed, "dismiss", actor=world.county_mzj, reason="属协助清单。")
    other = refusal(world, "石泉县的案件", community=world.other_community, department=world.other_dept)
    return {"received": received, "verifying": verifying, "dismissed": dismissed, "other": other}


def states(*cases):
    return [Case.objects.get(pk=c.pk).state for c in cases]


def test_findings_of_one_group_share_one_case_that_lists_each_community(world):
    first = finding(world, world.dongguan)
    assert finding(world, world.xiguan, n=2) == first
    assert finding(world, world.qiaoshang, n=3, key="township_meetings|2026 年 4 月") != first
    first.refresh_from_db()
    assert [i.community for i in first.items.all()] == [world.dongguan, world.xiguan]
    assert first.region_code == world.chengguan.region_code and first.community is None


def test_bulk_verify_moves_each_allowed_case_reports_the_others_by_name_and_ignores_the_other_county(world, mix):
    ids = [c.pk for c in mix["received"]] + [mix["dismissed"].pk, mix["other"].pk, "forged"]
    result = actions.do_bulk_move_cases(ids, "verify", actor=world.county_mzj)
    assert [c.pk for c in result.done] == [c.pk for c in mix["received"]]
    assert [(c.pk, "不属实" in why) for c, why in result.refused] == [(mix["dismissed"].pk, True)]
    assert result.ignored == 2
    assert states(*mix["received"]) == [CaseState.VERIFYING] * 2
    assert states(mix["dismissed"], mix["other"]) == [CaseState.UNSUBSTANTIATED, CaseState.RECEIVED]
    for case in mix["received"]:  # each its own transition record
        assert AuditEntry.objects.filter(event_type="supervision.case.verify", object_id=str(case.pk)).count() == 1
    assert not AuditEntry.objects.filter(object_id=str(mix["other"].pk), event_type__startswith="supervision.case.v")


def test_bulk_dismissal_gives_every_case_the_one_reason_through_verification(world, mix):
    cases = [*mix["received"], mix["verifying"]]
    result = actions.do_bulk_move_cases(
        [c.pk for c in cases], "dismiss", actor=world.county_mzj, reason="经核查均为协助清单内事项。"
    )
    assert len(result.done) == 3 and not result.refused and not result.ignored
    for case in Case.objects.filter(pk__in=[c.pk for c in cases]):
        assert case.state == CaseState.UNSUBSTANTIATED and case.finding == "经核查均为协助清单内事项。"
        dismissal = AuditEntry.objects.get(event_type="supervision.case.dismiss", object_id=str(case.pk))
        assert dismissal.reason == "经核查均为协助清单内事项。"
    # a received case was first taken into verification, recorded as such
    received = mix["received"][0]
    assert AuditEntry.objects.filter(event_type="supervision.case.verify", object_id=str(received.pk)).exists()


def test_a_bulk_dismissal_without_a_reason_changes_nothing(world, mix):
    with pytest.raises(ActionError, match="理由") as exc:
        actions.do_bulk_move_cases([c.pk for c in mix["received"]], "dismiss", actor=world.county_mzj, reason=" ")
    assert exc.value.field == "reason"
    assert states(*mix["received"]) == [CaseState.RECEIVED] * 2


@pytest.mark.parametrize("persona", ["dept_officer", "township_officer", "community_worker", "sysadmin"])
def test_only_the_supervising_office_acts_in_bulk(world, mix, persona):
    with pytest.raises(NotAllowed):
        actions.do_bulk_move_cases([mix["received"][0].pk], "verify", actor=world.users[persona])
    assert states(mix["received"][0]) == [CaseState.RECEIVED]


def test_the_queue_page_acts_in_bulk_and_says_in_chinese_what_happened(world, mix, client_for):
    ids = [c.pk for c in mix["received"]] + [mix["dismissed"].pk, mix["other"].pk]
    response = client_for("county_mzj").post(
        BULK, {"case": ids, "action": "verify", "next": "/supervision/cases/?state="}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/supervision/cases/?state="
    text = response.content.decode()
    assert "已对 2 个案件开始核查" in text
    assert f"#{mix['dismissed'].pk}《要求社区参加宣传》" in text and "1 个案件未能开始核查" in text
    assert "1 个案件不存在或不在您的辖区内，已忽略" in text
    assert "石泉县的案件" not in text  # another county's case is never named
    assert states(*mix["received"], mix["other"]) == [CaseState.VERIFYING, CaseState.VERIFYING, CaseState.RECEIVED]


def test_the_other_countys_office_forging_our_ids_changes_nothing(world, mix, client_for):
    response = client_for("other_county_officer").post(
        BULK, {"case": [c.pk for c in mix["received"]], "action": "dismiss", "reason": "伪造"}, follow=True
    )
    assert "2 个案件不存在或不在您的辖区内，已忽略，未作任何更改。" in response.content.decode()
    assert states(*mix["received"]) == [CaseState.RECEIVED] * 2


def test_a_bulk_post_without_a_choice_or_with_a_foreign_next_is_handled(world, mix, client_for):
    client = client_for("county_mzj")
    response = client.post(BULK, {"action": "verify", "next": "https://evil.example/"}, follow=True)
    assert response.redirect_chain[-1][0] == "/supervision/cases/"
    assert "请先勾选要办理的案件。" in response.content.decode()
    response = client.post(BULK, {"case": [mix["received"][0].pk], "action": "delete"}, follow=True)
    assert "未知的批量操作。" in response.content.decode()
    assert states(mix["received"][0]) == [CaseState.RECEIVED]


def test_the_queue_groups_by_unit_and_filters_by_unit_and_rule(world, mix, client_for):
    finding(world, world.dongguan)
    finding(world, world.xiguan, n=2)
    client = client_for("county_mzj")
    response = client.get("/supervision/cases/", {"group": "department"})
    text = response.content.decode()
    assert "分组统计" in text and "涉及 2 个社区" in text
    # one grouped case (two communities) for 城关镇, the three open refusals for 卫健局
    counts = {g["label"]: g["n"] for g in response.context["groups"]}
    assert counts == {"城关镇": 1, "汉阴县卫生健康局": 3}
    text = client.get("/supervision/cases/", {"department": world.chengguan.pk}).content.decode()
    assert "乡镇会议每月不超过 4 次（2026 年 3 月）" in text and "要求社区上门登记" not in text
    text = client.get("/supervision/cases/", {"rule": "乡镇会议每月不超过 4 次"}).content.decode()
    assert "乡镇会议每月不超过 4 次（2026 年 3 月）" in text and "要求社区上门登记" not in text
    # another county's unit as a filter shows nothing of ours, and nothing of theirs
    text = client.get("/supervision/cases/", {"department": world.other_dept.pk}).content.decode()
    assert "暂无符合条件的案件" in text
    text = client.get("/supervision/cases/", {"group": "source"}).content.decode()
    assert "超限额自动预警" in text and "社区拒收未准入任务" in text


def test_the_case_page_lists_the_communities_and_records_behind_it(world, client_for):
    case = finding(world, world.dongguan)
    finding(world, world.xiguan, n=2)
    text = client_for("county_mzj").get(f"/supervision/cases/{case.pk}/").content.decode()
    assert "涉及社区与超限记录（2 条）" in text
    assert "东关社区：2026 年 3 月将是第 5 次" in text and "西关社区：2026 年 3 月将是第 6 次" in text
    assert "并入同类线索" in text  # the join is on the case's history
    assert client_for("other_county_officer").get(f"/supervision/cases/{case.pk}/").status_code == 404
