"""The review of a draft on the engine: submit → 民政局/组织部 by affair type → passed / returned /
passed with conditions; issue only after a pass; an issued unreviewed document goes to supervision."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.errors import ActionError, Conflict, NotAllowed
from jianfu.core.models import AuditEntry
from jianfu.drafts import actions
from jianfu.drafts.models import Draft, DraftClause, DraftFile, Opinion
from jianfu.notify.models import Notification
from jianfu.supervision.models import Case

from . import samples
from .helpers import TITLE, future, submit

pytestmark = pytest.mark.django_db


def test_a_submitted_draft_keeps_its_text_and_the_clauses_that_put_work_on_villages(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        draft = submit(world)
    assert draft.state == "submitted" and draft.region_code == world.dept_officer.org.region_code
    assert draft.flagged_count == 1 and draft.clause_count > 3
    (clause,) = DraftClause.objects.filter(draft=draft)
    assert "各村（居）委会须在12月3日" in clause.text
    assert draft.text[clause.start : clause.end] == clause.text
    assert clause.verdict == "unlisted" and clause.kind == "form" and clause.communities >= 1
    assert draft.total_minutes == clause.total_minutes > 0
    assert AuditEntry.objects.filter(event_type="drafts.draft.submit", object_id=str(draft.pk)).exists()
    # government affairs go to 民政局, not 组织部
    assert Notification.objects.filter(user=world.county_mzj, title__contains=TITLE).exists()
    assert not Notification.objects.filter(user=world.county_zzb, title__contains=TITLE).exists()


def test_an_uploaded_word_draft_is_stored_as_a_file_with_its_scan(world: Any) -> None:
    upload = SimpleUploadedFile("通知.docx", samples.docx_bytes())
    draft = submit(world, text="", file=upload)
    assert draft.source == "file"
    (stored,) = DraftFile.objects.filter(draft=draft)
    assert stored.original_name == "通知.docx" and stored.size > 0 and stored.region_code == draft.region_code
    assert draft.flagged_count == 2  # the village clause and the table row


def test_party_affairs_are_reviewed_by_the_organisation_department_only(world: Any) -> None:
    draft = submit(world, affairs="party")
    with pytest.raises(NotAllowed):
        actions.do_review_draft(draft, actor=world.county_mzj, decision="return", opinion="请删除")
    opinion = actions.do_review_draft(draft, actor=world.county_zzb, decision="return", opinion="请删除第3条")
    assert opinion.reviewer_org == world.county_zzb.org


def test_a_return_gives_a_numbered_opinion_and_the_department_resubmits_a_fixed_text(world: Any) -> None:
    draft = submit(world)
    first = actions.do_review_draft(draft, actor=world.county_mzj, decision="return", opinion="第3条未入清单，请删除。")
    draft.refresh_from_db()
    assert draft.state == "returned" and first.number == 1 and first.number_label.endswith("〕1号")
    assert first.flagged[0]["verdict"] == "unlisted"
    start, end = samples.NOTICE.index("各村民小组须"), samples.NOTICE.index("报各乡（镇）。\n") + 7
    fixed = samples.NOTICE[:start] + "县统计局组织调查员入户开展调查。" + samples.NOTICE[end:]
    actions.do_resubmit_draft(draft, actor=world.dept_officer, data={"text": fixed})
    draft.refresh_from_db()
    assert draft.state == "submitted" and draft.version == 2 and draft.flagged_count == 0
    second = actions.do_review_draft(draft, actor=world.county_mzj, decision="pass")
    assert second.number == 2 and second.version == 2
    assert "各村（居）委会须" in Opinion.objects.get(pk=first.pk).flagged[0]["text"]  # the opinion keeps what it judged


def test_a_pass_is_refused_while_unlisted_clauses_stand_unless_dismissed_or_conditional(world: Any) -> None:
    draft = submit(world)
    with pytest.raises(ActionError) as refused:
        actions.do_review_draft(draft, actor=world.county_mzj, decision="pass")
    assert refused.value.field == "decision" and "1 条" in refused.value.message
    assert Draft.objects.get(pk=draft.pk).state == "submitted" and not Opinion.objects.exists()
    with pytest.raises(ActionError) as missing:
        actions.do_review_draft(draft, actor=world.county_mzj, decision="pass_conditions")
    assert missing.value.field == "conditions"
    opinion = actions.do_review_draft(
        draft,
        actor=world.county_mzj,
        decision="pass_conditions",
        conditions="删除第3条中“各村（居）委会”的报送要求后印发。",
    )
    draft.refresh_from_db()
    assert draft.state == "conditional" and opinion.conditions


def test_a_reviewer_can_dismiss_a_false_finding_and_pass(world: Any) -> None:
    draft = submit(world)
    clause = DraftClause.objects.get(draft=draft)
    actions.do_review_draft(
        draft, actor=world.county_mzj, decision="pass", dismissed=[clause.pk], note="属清单内统计调查"
    )
    clause.refresh_from_db()
    assert clause.dismissed and clause.note == "属清单内统计调查"
    assert Draft.objects.get(pk=draft.pk).state == "passed"


def test_a_clause_of_another_draft_cannot_be_dismissed(world: Any) -> None:
    draft, other = submit(world), submit(world, actor="dept_officer2")
    foreign = DraftClause.objects.get(draft=other)
    with pytest.raises(ActionError):
        actions.do_review_draft(draft, actor=world.county_mzj, decision="pass", dismissed=[foreign.pk])
    assert not DraftClause.objects.get(pk=foreign.pk).dismissed


def test_the_department_cannot_issue_without_a_pass_and_can_after_one(world: Any) -> None:
    draft = submit(world)
    with pytest.raises(ActionError) as refused:
        actions.do_issue_draft(draft, actor=world.dept_officer)
    assert "未经审核通过" in refused.value.message
    assert Draft.objects.get(pk=draft.pk).state == "submitted"
    actions.do_review_draft(draft, actor=world.county_mzj, decision="pass_conditions", conditions="删除第3条")
    with pytest.raises(NotAllowed):
        actions.do_issue_draft(draft, actor=world.dept_officer2)
    actions.do_issue_draft(draft, actor=world.dept_officer, issued_on=future(1), doc_number="汉卫发〔2026〕3号")
    draft.refresh_from_db()
    assert draft.state == "issued" and draft.doc_number == "汉卫发〔2026〕3号" and draft.issued_on is not None
    with pytest.raises(Conflict):
        actions.do_withdraw_draft(draft, actor=world.dept_officer)


def test_a_draft_issued_while_under_review_is_reported_to_supervision_once(world: Any) -> None:
    draft = submit(world)
    with pytest.raises(NotAllowed):
        actions.do_report_unreviewed(draft, actor=world.dept_officer, reason="已印发")
    with pytest.raises(ActionError):
        actions.do_report_unreviewed(draft, actor=world.county_mzj, reason="")
    actions.do_report_unreviewed(draft, actor=world.county_mzj, reason="汉卫发〔2026〕5号已于5月印发")
    draft.refresh_from_db()
    case = Case.objects.get(pk=draft.case_id)
    assert draft.state == "unreviewed" and case.source == "unreviewed_doc"
    assert case.department == world.dept_officer.org and case.region_code == draft.region_code
    assert TITLE in case.title and "须报审核" in case.rule_ref
    with pytest.raises(Conflict):
        actions.do_report_unreviewed(draft, actor=world.county_mzj, reason="again")
    assert Case.objects.filter(source="unreviewed_doc").count() == 1


def test_a_document_found_issued_without_any_review_is_registered_and_reported(world: Any) -> None:
    draft = actions.do_report_issued_document(
        actor=world.county_zzb,
        data={
            "org": world.dept_officer.org.code, "title": "关于做好网格员信息报送的通知", "affairs": "party",
            "issued_on": "2026-01-05", "doc_number": "汉卫发〔2026〕1号", "reason": "社区工作者反映",
            "text": "各社区：\n请各社区网格员每周五前报送网格走访台账。",
        },
    )  # fmt: skip
    assert draft.state == "unreviewed" and draft.flagged_count >= 1 and draft.case_id
    assert Case.objects.get(pk=draft.case_id).department == world.dept_officer.org


def test_a_found_document_must_name_a_unit_of_the_reporters_county(world: Any) -> None:
    with pytest.raises(ActionError) as refused:
        actions.do_report_issued_document(
            actor=world.county_mzj,
            data={"org": world.other_dept_officer.org.code, "title": "x", "affairs": "government",
                  "issued_on": "2026-01-05", "reason": "r", "text": "各社区每周报送台账。"},
        )  # fmt: skip
    assert refused.value.field == "org"
    assert not Draft.objects.exists() and not Case.objects.exists()
