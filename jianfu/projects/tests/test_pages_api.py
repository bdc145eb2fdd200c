from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from openpyxl import load_workbook

from jianfu.projects import actions
from jianfu.projects.models import Ballot, Project

from .helpers import to_stage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limits() -> Any:
    cache.clear()
    yield
    cache.clear()


def test_a_resident_proposes_on_a_phone_without_an_account(world: Any) -> None:
    c = Client()
    page = c.get(f"/public/projects/{world.dongguan.code}/propose/")
    assert page.status_code == 200 and "提民生微实事建议" in page.content.decode()
    resp = c.post(
        f"/public/projects/{world.dongguan.code}/propose/",
        {"title": "东关街加装路灯", "description": "夜间无照明", "estimated_cost": "30000", "contact": "13900000000"},
    )
    assert resp.status_code == 302
    p = Project.objects.get()
    assert p.source == "resident" and p.region_code == world.dongguan.code
    board = c.get(f"/public/projects/{world.dongguan.code}/").content.decode()
    assert "东关街加装路灯" in board and "13900000000" not in board
    detail = c.get(f"/public/projects/project/{p.pk}/").content.decode()
    assert "13900000000" not in detail and "征集" in detail


def test_a_proposal_with_a_script_tag_gets_a_message_and_nothing_is_saved(world: Any) -> None:
    resp = Client().post(
        f"/public/projects/{world.dongguan.code}/propose/",
        {"title": "<script>alert(1)</script>", "description": "x", "estimated_cost": "100"},
    )
    assert resp.status_code == 200 and "网页代码" in resp.content.decode()
    assert "<script>alert(1)" not in resp.content.decode()
    assert not Project.objects.exists()


def test_the_board_escapes_text_that_slipped_in(world: Any) -> None:
    p = to_stage(world, "deliberating")
    Project.objects.filter(pk=p.pk).update(title="<b>路灯</b>")  # as if stored before the rule
    html = Client().get(f"/public/projects/{world.county.code}/").content.decode()
    assert "&lt;b&gt;路灯&lt;/b&gt;" in html and "<b>路灯</b>" not in html


def test_public_proposals_are_rate_limited(world: Any, settings: Any) -> None:
    settings.PROJECTS_PUBLIC_PROPOSALS_PER_WINDOW = 2
    c = Client()
    data = {"title": "路灯", "description": "夜间无照明", "estimated_cost": "100"}
    url = f"/public/projects/{world.dongguan.code}/propose/"
    assert [c.post(url, data).status_code for _ in range(3)] == [302, 302, 429]
    assert Project.objects.count() == 2
    api = c.post(
        "/api/v1/projects/proposals",
        json.dumps({"community_code": world.dongguan.code, **data}),
        content_type="application/json",
    )
    assert api.status_code == 429


def test_a_household_votes_on_the_public_page(world: Any) -> None:
    a = to_stage(world, "deliberating")
    r = actions.do_open_round(actor=world.community_worker, kind="select", title="评议投票", projects=[a])
    (code,) = actions.do_issue_codes(r, actor=world.community_worker, count=1)
    c = Client()
    url = f"/public/projects/vote/{r.pk}/"
    ok = c.post(url, {"code": code, "picks": [str(a.pk)]})
    assert ok.status_code == 200 and "投票成功" in ok.content.decode()
    again = c.post(url, {"code": code, "picks": [str(a.pk)]})
    assert "已经投过票" in again.content.decode()
    assert Ballot.objects.count() == 1


def test_the_api_lists_proposes_and_votes(world: Any, api_client_for: Any) -> None:
    c = Client()
    resp = c.post(
        "/api/v1/projects/proposals",
        json.dumps(
            {
                "community_code": world.dongguan.code,
                "title": "健身器材",
                "description": "广场",
                "estimated_cost": "8000",
            }
        ),
        content_type="application/json",
    )
    assert resp.status_code == 201, resp.content
    pid = resp.json()["id"]
    p = Project.objects.get(pk=pid)
    p = actions.do_deliberate_project(p, actor=world.community_worker, meeting_record="议事会同意")
    r = actions.do_open_round(actor=world.community_worker, kind="select", title="投票", projects=[p])
    (code,) = actions.do_issue_codes(r, actor=world.community_worker, count=1)
    vote = c.post(f"/api/v1/projects/{pid}/votes", json.dumps({"code": code}), content_type="application/json")
    assert vote.status_code == 201, vote.content
    used = c.post(f"/api/v1/projects/{pid}/votes", json.dumps({"code": code}), content_type="application/json")
    assert used.status_code == 400 and "已经投过票" in used.json()["detail"]
    listed = api_client_for("township_officer").get("/api/v1/projects").json()["items"]
    assert [x["id"] for x in listed] == [pid]
    assert api_client_for("other_county_officer").get("/api/v1/projects").json()["items"] == []
    assert api_client_for("dept_officer").get("/api/v1/projects").status_code == 403


def test_numbers_page_and_excel_for_the_county(world: Any, client_for: Any) -> None:
    to_stage(world, "archived")
    page = client_for("county_mzj").get("/projects/numbers/")
    assert page.status_code == 200 and "城关镇" in page.content.decode()
    resp = client_for("township_officer").get("/projects/numbers.xlsx")
    rows = list(load_workbook(io.BytesIO(resp.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "乡镇（街道）" and rows[1][0] == "城关镇" and rows[-1][0] == "合计"
    assert rows[1][1] == 1 and 100.0 in rows[1]  # 1 project; turnout 1 of 1 code
    assert client_for("dept_officer").get("/projects/numbers/").status_code == 403
    other = client_for("other_county_officer").get("/projects/numbers/").content.decode()
    assert "城关镇" not in other


def test_staff_walk_a_project_through_the_pages(world: Any, client_for: Any) -> None:
    cw, town = client_for("community_worker"), client_for("township_officer")
    resp = cw.post("/projects/new/", {"title": "楼道扶手", "description": "老旧小区", "estimated_cost": "9000"})
    assert resp.status_code == 302
    p = Project.objects.get()
    cw.post(f"/projects/{p.pk}/act/deliberate/", {"meeting_record": "议事会同意"})
    town.post("/projects/envelopes/", {"year": p.year, "amount": "50000", "funding_source": "镇财政"})
    town.post(f"/projects/{p.pk}/act/approve/", {"budget": "60000", "funding_source": "镇财政"})
    p.refresh_from_db()
    assert p.state == "deliberating"  # over the envelope: refused
    town.post(f"/projects/{p.pk}/act/approve/", {"budget": "9000", "funding_source": "镇财政"})
    cw.post(f"/projects/{p.pk}/act/start/", {"supplier": "县建安公司"})
    cw.post(f"/projects/{p.pk}/spending/", {"amount": "9500", "note": "材料", "spent_on": "2026-04-01"})
    p.refresh_from_db()
    assert p.state == "implementing" and p.spent == 0
    detail = cw.get(f"/projects/{p.pk}/").content.decode()
    assert "县建安公司" in detail
    assert client_for("village_worker").get(f"/projects/{p.pk}/").status_code == 404
    assert client_for("other_county_officer").get(f"/projects/{p.pk}/").status_code == 404
