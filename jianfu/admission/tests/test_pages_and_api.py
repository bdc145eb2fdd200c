"""Admission pages and API: without permission, with it, and from the other county."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from jianfu.admission import actions
from jianfu.admission.models import Application

from .conftest import app_data

pytestmark = pytest.mark.django_db


def _form(**over):
    data = app_data(**over)
    data["community_roles"] = list(data["community_roles"])
    return data


def test_a_department_applies_through_the_page(world, client_for):
    client = client_for("dept_officer")
    assert client.get("/admission/new/").status_code == 200
    response = client.post("/admission/new/", _form())
    app = Application.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admission/{app.pk}/"
    response = client.post(f"/admission/{app.pk}/submit/")
    app.refresh_from_db()
    assert app.state == "submitted" and app.findings


def test_the_form_shows_chinese_errors_and_saves_nothing(world, client_for):
    response = client_for("dept_officer").post("/admission/new/", _form(basis="", funding_amount=""))
    html = response.content.decode()
    assert response.status_code == 200 and "法律政策依据不能为空" in html and "费随事转" in html
    assert not Application.objects.exists()


def test_others_cannot_open_the_application_form(world, client_for):
    for persona in ("community_worker", "county_mzj", "other_county_officer"):
        assert client_for(persona).get("/admission/new/").status_code == 403


def test_reviewers_decide_on_the_detail_page(world, client_for):
    app = actions.do_submit_application(
        actions.do_create_application(actor=world.dept_officer, data=app_data()), actor=world.dept_officer
    )
    html = client_for("county_mzj").get(f"/admission/{app.pk}/").content.decode()
    assert "初审通过" in html and "自动预审" in html
    assert client_for("county_zzb").post(f"/admission/{app.pk}/act/", {"action": "pass_first"}).status_code == 403
    client_for("county_mzj").post(f"/admission/{app.pk}/act/", {"action": "pass_first"})
    client_for("leading_group").post(f"/admission/{app.pk}/act/", {"action": "approve", "reason": "同意"})
    app.refresh_from_db()
    assert app.state == "approved"


def test_a_foreign_id_is_a_404_on_every_page(world, client_for):
    app = actions.do_submit_application(
        actions.do_create_application(actor=world.dept_officer, data=app_data()), actor=world.dept_officer
    )
    client = client_for("other_county_officer")
    for url in (f"/admission/{app.pk}/", f"/admission/{app.pk}/edit/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/admission/{app.pk}/act/", {"action": "pass_first"}).status_code == 404
    assert client_for("dept_officer2").get(f"/admission/{app.pk}/").status_code == 404
    assert client.get("/admission/").status_code == 200
    assert app.title not in client.get("/admission/").content.decode()


def test_the_list_highlights_overdue_reviews(world, client_for):
    import datetime as dt

    app = actions.do_submit_application(
        actions.do_create_application(actor=world.dept_officer, data=app_data()), actor=world.dept_officer
    )
    Application.objects.filter(pk=app.pk).update(due_date=dt.date.today() - dt.timedelta(days=1))
    html = client_for("county_mzj").get("/admission/?state=overdue").content.decode()
    assert app.title in html and "已超期" in html


def test_the_api_creates_submits_and_decides(world, api_client_for):
    dept = api_client_for("dept_officer")
    payload = {**app_data(), "funding_amount": "3000"}
    response = dept.post("/api/v1/admission/applications", json.dumps(payload), content_type="application/json")
    assert response.status_code == 201, response.content
    app_id = response.json()["id"]
    assert dept.post(f"/api/v1/admission/applications/{app_id}/submit").json()["state"] == "submitted"
    mzj = api_client_for("county_mzj")
    r = mzj.post(
        f"/api/v1/admission/applications/{app_id}/decision",
        json.dumps({"action": "approve"}),
        content_type="application/json",
    )
    assert r.status_code == 409  # not yet through 初审
    r = mzj.post(
        f"/api/v1/admission/applications/{app_id}/decision",
        json.dumps({"action": "pass_first"}),
        content_type="application/json",
    )
    assert r.json()["state"] == "first_passed"
    r = mzj.post(
        f"/api/v1/admission/applications/{app_id}/decision",
        json.dumps({"action": "approve"}),
        content_type="application/json",
    )
    assert r.status_code == 403
    other = api_client_for("other_county_officer")
    assert other.get(f"/api/v1/admission/applications/{app_id}").status_code == 404
    assert other.get("/api/v1/admission/applications").json()["items"] == []


def test_the_api_refuses_bad_input_in_chinese(world, api_client_for):
    r = api_client_for("dept_officer").post(
        "/api/v1/admission/applications",
        json.dumps({**app_data(), "funding_amount": None, "end_date": "2000-01-01"}),
        content_type="application/json",
    )
    assert r.status_code == 400 and "费随事转" in r.json()["detail"] and "结束日期" in r.json()["detail"]
    assert not Application.objects.exists()


def test_the_annual_plan_is_published_as_page_excel_and_pdf(world, client_for, cjk_font):
    import io

    from openpyxl import load_workbook

    from jianfu.testing import assert_official_document, pdf_facts

    mzj = client_for("county_mzj")
    mzj.post("/admission/plans/", {"op": "open", "year": "2027"})
    app = actions.do_create_application(actor=world.dept_officer, data=app_data(kind="annual"))
    actions.do_submit_application(app, actor=world.dept_officer)
    actions.do_pass_first_review(app, actor=world.county_mzj)
    actions.do_approve_application(app, actor=world.leading_group)
    window = app.plan_window
    assert client_for("dept_officer").get(f"/admission/plans/{window.pk}/").status_code == 404  # not yet published
    mzj.post("/admission/plans/", {"op": "close", "window": window.pk})
    mzj.post("/admission/plans/", {"op": "publish", "window": window.pk})
    window.refresh_from_db()
    assert window.state == "published"
    assert app.title in client_for("dept_officer").get(f"/admission/plans/{window.pk}/").content.decode()
    wb = load_workbook(io.BytesIO(mzj.get(f"/admission/plans/{window.pk}/xlsx/").content))
    assert any(app.title in [c for c in row if isinstance(c, str)] for row in wb.active.iter_rows(values_only=True))
    text, fonts = pdf_facts(mzj.get(f"/admission/plans/{window.pk}/pdf/").content)
    flat = text.replace("\n", "")
    assert "年度社区工作事项计划清单" in flat and app.title in flat and fonts
    # Issued by the leading group as a 公文 with the plan attached, numbered when published.
    assert window.doc_year == timezone.localdate(window.published_at).year and window.doc_number == 1
    assert_official_document(
        mzj.get(f"/admission/plans/{window.pk}/pdf/").content, mark="汉阴县城乡社区减负工作领导小组文件",
        title=f"关于印发《{window.org.name}2027年度社区工作事项计划清单》的通知", recipients="各有关单位",
        doc_no=f"〔{window.doc_year}〕1号",
    )  # fmt: skip
    assert client_for("other_county_officer").get(f"/admission/plans/{window.pk}/").status_code == 404
    assert client_for("dept_officer").post("/admission/plans/", {"op": "open", "year": "2028"}).status_code == 403
