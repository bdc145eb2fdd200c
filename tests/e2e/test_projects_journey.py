"""Browser journey (民生微实事): a resident proposes a project on a phone without an account; the
community worker records the deliberation and opens a vote; a household votes on a phone with its
one-time code, and the code cannot be used twice."""

from __future__ import annotations

import pytest

from jianfu.projects import actions
from jianfu.projects.models import Ballot, Project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_proposes_and_a_household_votes_on_a_phone(page_for, world):
    resident = page_for(None, mobile=True)
    resident.goto(f"/public/projects/{world.dongguan.code}/")
    resident.click("text=我要提项目建议")
    resident.fill("#id_title", "东关街加装路灯")
    resident.fill("#id_description", "东关街北段夜间无照明，老人出行不便。")
    resident.fill("#id_estimated_cost", "30000")
    resident.click("button[type=submit]")
    resident.wait_for_selector("h1:has-text('东关街加装路灯')")
    assert "征集" in resident.content()
    project = Project.objects.get()

    worker = page_for("community_worker", mobile=True)
    worker.goto(f"/projects/{project.pk}/")
    worker.fill("textarea[name=meeting_record]", "3月5日居民议事会，28户参加，同意列入评议。")
    worker.click("button:has-text('进入评议')")
    worker.wait_for_selector("text=评议会议记录")
    project.refresh_from_db()
    assert project.state == "deliberating"
    worker.goto("/projects/rounds/new/")
    worker.select_option("#id_kind", "select")
    worker.fill("#id_title", "东关社区评议投票")
    worker.check(f"input[name=projects][value='{project.pk}']")
    worker.click("button:has-text('发起投票')")
    worker.wait_for_selector("text=生成投票码")
    vote_round = project.rounds.get()
    (code,) = actions.do_issue_codes(vote_round, actor=world.community_worker, count=1)  # the printed sheet

    resident.goto(f"/public/projects/vote/{vote_round.pk}/")
    resident.fill("#id_code", code)
    resident.check(f"input[name=picks][value='{project.pk}']")
    resident.click("button:has-text('投票')")
    resident.wait_for_selector("text=投票成功")
    resident.fill("#id_code", code)
    resident.check(f"input[name=picks][value='{project.pk}']")
    resident.click("button:has-text('投票')")
    resident.wait_for_selector("text=该投票码已经投过票")
    assert Ballot.objects.count() == 1
