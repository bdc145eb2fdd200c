from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from jianfu.core.errors import ActionError, NotAllowed
from jianfu.core.models import AuditEntry
from jianfu.projects import actions
from jianfu.projects.models import Milestone, MilestonePhoto, Project, Spending

from .helpers import envelope, photo, propose, to_stage

pytestmark = pytest.mark.django_db


def test_a_project_goes_from_proposal_to_archive_with_audit(world: Any) -> None:
    p = to_stage(world, "archived")
    assert p.state == "archived"
    assert p.accept_yes == 1 and p.accept_no == 0 and p.satisfaction == Decimal("5.00")
    events = set(AuditEntry.objects.filter(object_id=str(p.pk)).values_list("event_type", flat=True))
    assert {"projects.project.deliberate", "projects.project.approve", "projects.project.archive"} <= events


def test_deliberation_needs_a_meeting_record(world: Any) -> None:
    p = propose(world)
    with pytest.raises(ActionError):
        actions.do_deliberate_project(p, actor=world.community_worker, meeting_record="  ")
    p.refresh_from_db()
    assert p.state == "proposed"


def test_only_the_township_approves_and_within_its_envelope(world: Any) -> None:
    p = to_stage(world, "deliberating")
    with pytest.raises(NotAllowed):
        actions.do_approve_project(p, actor=world.community_worker, budget="1000", funding_source="x")
    with pytest.raises(NotAllowed):
        actions.do_approve_project(p, actor=world.township2_officer, budget="1000", funding_source="x")
    with pytest.raises(ActionError, match="尚未设定"):
        actions.do_approve_project(p, actor=world.township_officer, budget="1000", funding_source="专项资金")
    envelope(world, "50000")
    with pytest.raises(ActionError, match="超出"):
        actions.do_approve_project(p, actor=world.township_officer, budget="50000.01", funding_source="专项资金")
    p.refresh_from_db()
    assert p.state == "deliberating" and p.budget is None
    actions.do_approve_project(p, actor=world.township_officer, budget="30000", funding_source="专项资金")
    second = to_stage(world, "deliberating", title="西关小区加装扶手")
    with pytest.raises(ActionError, match="剩余额度 20000"):
        actions.do_approve_project(second, actor=world.township_officer, budget="20001", funding_source="专项资金")
    with pytest.raises(ActionError, match="不能低于"):
        actions.do_set_envelope(
            world.chengguan, actor=world.township_officer, year=timezone.localdate().year, amount="100"
        )


def test_spending_above_the_budget_is_refused_and_nothing_saved(world: Any) -> None:
    p = to_stage(world, "implementing")  # budget 28000
    actions.do_add_spending(p, actor=world.community_worker, amount="20000", note="灯杆采购", spent_on="2026-03-01")
    with pytest.raises(ActionError, match="支出超出预算"):
        actions.do_add_spending(p, actor=world.township_officer, amount="8000.01", note="安装", spent_on="2026-03-02")
    p.refresh_from_db()
    assert p.spent == Decimal("20000.00") and Spending.objects.filter(project=p).count() == 1
    with pytest.raises(ActionError):
        actions.do_add_spending(p, actor=world.community_worker, amount="-5", note="x", spent_on="2026-03-02")
    with pytest.raises(ActionError):
        actions.do_add_spending(p, actor=world.community_worker, amount="5", note="x", spent_on="1900-01-01")
    with pytest.raises(NotAllowed):
        actions.do_add_spending(p, actor=world.village_worker, amount="5", note="x", spent_on="2026-03-02")


def test_a_milestone_without_a_photo_or_with_a_fake_one_is_refused(world: Any) -> None:
    p = to_stage(world, "implementing")
    today = timezone.localdate().isoformat()
    with pytest.raises(ActionError, match="照片"):
        actions.do_add_milestone(p, actor=world.community_worker, title="开工", happened_on=today, files=[])
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("开工.png", b"MZ\x90\x00 not an image", content_type="image/png")
    with pytest.raises(ActionError):
        actions.do_add_milestone(p, actor=world.community_worker, title="开工", happened_on=today, files=[fake])
    big = SimpleUploadedFile("大.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (6 * 1024 * 1024), content_type="image/png")
    with pytest.raises(ActionError, match="过大"):
        actions.do_add_milestone(p, actor=world.community_worker, title="开工", happened_on=today, files=[big])
    assert not Milestone.objects.exists() and not MilestonePhoto.objects.exists()
    with pytest.raises(ActionError, match="带照片"):
        actions.do_move_project(p, actor=world.community_worker, action="complete")
    actions.do_add_milestone(p, actor=world.community_worker, title="开工", happened_on=today, files=[photo()])
    assert MilestonePhoto.objects.count() == 1


def test_rejection_and_withdrawal_need_a_reason(world: Any) -> None:
    p = propose(world)
    with pytest.raises(ActionError, match="理由"):
        actions.do_move_project(p, actor=world.township_officer, action="reject")
    p = actions.do_move_project(p, actor=world.township_officer, action="reject", reason="不属于民生微实事范围")
    assert p.state == "rejected" and p.reason == "不属于民生微实事范围"
    q = to_stage(world, "approved", title="修补巷道")
    q = actions.do_move_project(q, actor=world.community_worker, action="withdraw", reason="已由县住建局统一实施")
    assert q.state == "withdrawn"


@pytest.mark.parametrize(
    "field,value",
    [
        ("title", "<script>alert(1)</script>"),
        ("description", "好项目<img src=x onerror=alert(1)>"),
        ("title", ""),
        ("estimated_cost", "很多"),
        ("estimated_cost", "0"),
        ("estimated_cost", "1e12"),
        ("title", "路灯\x00"),
    ],
)
def test_a_bad_proposal_is_refused_with_a_chinese_message_and_nothing_saved(world: Any, field: str, value: str) -> None:
    data = {"title": "加装路灯", "description": "夜间无照明", "estimated_cost": "30000", field: value}
    with pytest.raises(ActionError) as exc:
        actions.do_submit_proposal(actor=None, community=world.dongguan, **data)
    assert exc.value.field == field
    assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.value.message)
    assert not Project.objects.exists()


def test_a_worker_enters_proposals_only_for_its_own_community(world: Any) -> None:
    p = propose(world, actor=world.community_worker)
    assert p.source == "meeting" and p.created_by == world.community_worker
    with pytest.raises(NotAllowed):
        propose(world, actor=world.community_worker, community=world.xiguan)
    with pytest.raises(ActionError):
        propose(world, community=world.chengguan)  # a township is not a community
