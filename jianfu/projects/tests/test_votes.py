from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from jianfu.core.errors import ActionError, NotAllowed
from jianfu.core.models import AuditEntry
from jianfu.projects import actions
from jianfu.projects.models import Ballot, Pick, VoteCode

from .helpers import to_stage

pytestmark = pytest.mark.django_db


def _round(world: Any, mode: str = "approval", budget: Any = None) -> tuple[Any, list[Any]]:
    a = to_stage(world, "deliberating", title="加装路灯", cost="30000")
    b = to_stage(world, "deliberating", title="修建休闲座椅", cost="20000")
    c = to_stage(world, "deliberating", title="楼道扶手", cost="15000")
    r = actions.do_open_round(
        actor=world.community_worker,
        kind="select",
        title="2026年评议投票",
        projects=[a, b, c],
        mode=mode,
        budget=budget,
    )
    return r, [a, b, c]


def test_codes_are_stored_only_as_hashes_and_each_votes_once(world: Any) -> None:
    r, (a, b, c) = _round(world)
    codes = actions.do_issue_codes(r, actor=world.community_worker, count=5)
    assert len(set(codes)) == 5
    stored = set(VoteCode.objects.filter(round=r).values_list("code_hash", flat=True))
    assert all(code.replace("-", "") not in h for code in codes for h in stored)
    actions.do_cast_vote(r, code=codes[0], picks=[a.pk, b.pk])
    actions.do_cast_vote(r, code=codes[1].lower().replace("-", " "), picks=[a.pk])  # typed loosely
    with pytest.raises(ActionError, match="已经投过票"):
        actions.do_cast_vote(r, code=codes[0], picks=[c.pk])
    with pytest.raises(ActionError, match="投票码无效"):
        actions.do_cast_vote(r, code="ABCD-EFGH-JKMN", picks=[c.pk])
    assert Ballot.objects.filter(round=r).count() == 2 and Pick.objects.filter(round=r).count() == 3
    # the audit of a vote names neither the code nor the picks
    entry = AuditEntry.objects.filter(event_type="projects.vote.cast").first()
    assert entry is not None and codes[0] not in str(entry.after) and codes[0] not in str(entry.before)
    r = actions.do_close_round(r, actor=world.community_worker)
    a.refresh_from_db(), b.refresh_from_db(), c.refresh_from_db()
    assert (a.votes, b.votes, c.votes) == (2, 1, 0)
    assert r.ballots == 2 and r.codes_issued == 5
    with pytest.raises(ActionError, match="已结束"):
        actions.do_cast_vote(r, code=codes[2], picks=[a.pk])


def test_a_code_of_another_round_is_forged_for_this_one(world: Any) -> None:
    r, (a, _b, _c) = _round(world)
    other = to_stage(world, "deliberating", title="另一项目")
    r2 = actions.do_open_round(actor=world.community_worker, kind="select", title="另一轮", projects=[other])
    (code,) = actions.do_issue_codes(r2, actor=world.community_worker, count=1)
    with pytest.raises(ActionError, match="无效"):
        actions.do_cast_vote(r, code=code, picks=[a.pk])


def test_knapsack_votes_stay_within_the_round_budget(world: Any) -> None:
    r, (a, b, c) = _round(world, mode="knapsack", budget="40000")
    codes = actions.do_issue_codes(r, actor=world.community_worker, count=2)
    with pytest.raises(ActionError, match="超过本轮预算"):
        actions.do_cast_vote(r, code=codes[0], picks=[a.pk, b.pk])
    assert not Ballot.objects.exists() and VoteCode.objects.filter(used_at__isnull=False).count() == 0
    actions.do_cast_vote(r, code=codes[0], picks=[b.pk, c.pk])  # 35000
    with pytest.raises(ActionError, match="不在本轮"):
        actions.do_cast_vote(r, code=codes[1], picks=[999999])
    with pytest.raises(ActionError, match="至少选择"):
        actions.do_cast_vote(r, code=codes[1], picks=[])


def test_only_the_community_runs_its_rounds(world: Any) -> None:
    r, (a, _b, _c) = _round(world)
    with pytest.raises(NotAllowed):
        actions.do_issue_codes(r, actor=world.village_worker, count=3)
    with pytest.raises(NotAllowed):
        actions.do_close_round(r, actor=world.township_officer)
    with pytest.raises(ActionError, match="进行中的投票"):
        actions.do_open_round(actor=world.community_worker, kind="select", title="重复", projects=[a])
    with pytest.raises(ActionError, match="生成数量"):
        actions.do_issue_codes(r, actor=world.community_worker, count=60000)


def test_acceptance_vote_records_satisfaction(world: Any) -> None:
    p = to_stage(world, "accepting")
    r = actions.do_open_round(actor=world.community_worker, kind="accept", title="验收", projects=[p])
    codes = actions.do_issue_codes(r, actor=world.community_worker, count=3)
    actions.do_cast_vote(r, code=codes[0], accept=True, satisfaction=5)
    actions.do_cast_vote(r, code=codes[1], accept=False, satisfaction=2)
    with pytest.raises(ActionError, match="满意度"):
        actions.do_cast_vote(r, code=codes[2], accept=True, satisfaction=9)
    with pytest.raises(ActionError, match="尚未计票"):
        actions.do_move_project(p, actor=world.township_officer, action="archive")
    actions.do_close_round(r, actor=world.community_worker)
    p.refresh_from_db()
    assert (p.accept_yes, p.accept_no, str(p.satisfaction)) == (1, 1, "3.50")


def test_the_code_sheet_comes_as_a_workbook_once(world: Any, client_for: Any) -> None:
    r, _projects = _round(world)
    c = client_for("community_worker")
    resp = c.post(f"/projects/rounds/{r.pk}/codes/", {"count": "4", "format": "xlsx"})
    assert resp.status_code == 200
    ws = load_workbook(io.BytesIO(resp.content)).active
    codes = [row[1] for row in ws.iter_rows(min_row=4, values_only=True)]
    assert len(codes) == 4
    actions.do_cast_vote(r, code=codes[0], picks=[_projects[0].pk])
    r.refresh_from_db()
    assert r.codes_issued == 4 and r.ballots == 1


def test_the_code_sheet_comes_as_a_printable_pdf(world: Any, client_for: Any) -> None:
    from jianfu.core.pdf import cjk_font_available
    from jianfu.testing import pdf_facts

    if not cjk_font_available():
        pytest.skip("no CJK font on this machine")
    r, _projects = _round(world)
    resp = client_for("community_worker").post(f"/projects/rounds/{r.pk}/codes/", {"count": "6", "format": "pdf"})
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    text, fonts = pdf_facts(resp.content)
    assert "2026年评议投票" in text and "一户一码" in text and fonts
    r.refresh_from_db()
    assert r.codes_issued == 6


def test_a_failed_acceptance_cannot_be_archived_and_goes_back_to_rework(world: Any) -> None:
    p = to_stage(world, "accepting")
    r = actions.do_open_round(actor=world.community_worker, kind="accept", title="验收", projects=[p])
    codes = actions.do_issue_codes(r, actor=world.community_worker, count=3)
    actions.do_cast_vote(r, code=codes[0], accept=False, satisfaction=2)
    actions.do_cast_vote(r, code=codes[1], accept=False, satisfaction=1)
    actions.do_cast_vote(r, code=codes[2], accept=True, satisfaction=4)
    actions.do_close_round(r, actor=world.community_worker)
    with pytest.raises(ActionError, match="验收未通过"):
        actions.do_move_project(p, actor=world.township_officer, action="archive")
    p = actions.do_move_project(p, actor=world.community_worker, action="rework", reason="路灯亮度不足，更换灯具")
    assert p.state == "implementing" and p.accept_yes is None and p.satisfaction is None
