"""A certificate (证明事项) is admitted end to end: the page and the API carry its kind, the
approved item lands in the lists draft with it."""

from __future__ import annotations

import json

import pytest

from jianfu.admission import actions
from jianfu.admission.models import Application
from jianfu.catalog.models import ListItem

from .conftest import app_data

pytestmark = pytest.mark.django_db

CERT = {
    "title": "出具困难群众临时救助家庭情况证明",
    "description": "社区对申请临时救助的家庭出具居住及家庭成员情况证明。",
    "category": "certificate",
    "cert_kind": "allowed",
    "community_roles": [],
    "minutes_per_occurrence": "20",
}


def _form(**over):
    data = app_data(**{**CERT, **over})
    data["community_roles"] = list(data["community_roles"])
    return data


def test_a_department_applies_for_a_certificate_through_the_page_with_its_kind(world, client_for):
    client = client_for("dept_officer")
    assert "证明类型" in client.get("/admission/new/").content.decode()
    response = client.post("/admission/new/", _form())
    app = Application.objects.get()
    assert response.status_code == 302 and app.category == "certificate" and app.cert_kind == "allowed"
    assert "可出具的证明" in client.get(f"/admission/{app.pk}/").content.decode()
    edit = client.get(f"/admission/{app.pk}/edit/").content.decode()
    assert 'value="allowed" selected' in edit


def test_a_certificate_without_its_kind_is_refused_with_a_chinese_message(world, client_for):
    html = client_for("dept_officer").post("/admission/new/", _form(cert_kind="")).content.decode()
    assert "证明事项须注明" in html and not Application.objects.exists()


def test_a_department_cannot_apply_for_a_certificate_communities_must_refuse(world, client_for):
    html = client_for("dept_officer").post("/admission/new/", _form(cert_kind="forbidden")).content.decode()
    assert "准入申请只能申请社区可出具的证明" in html and not Application.objects.exists()


def test_the_api_carries_the_kind_in_and_out(world, api_client_for):
    client = api_client_for("dept_officer")
    response = client.post("/api/v1/admission/applications", json.dumps(_form()), content_type="application/json")
    assert response.status_code in (200, 201), response.content
    body = response.json()
    assert body["category"] == "certificate" and body["cert_kind"] == "allowed"
    bad = client.post(
        "/api/v1/admission/applications", json.dumps(_form(cert_kind="")), content_type="application/json"
    )
    assert bad.status_code == 400 and bad.json()["field"] == "cert_kind"


def test_an_approved_certificate_enters_the_lists_draft_with_its_kind(world, lists):
    app = actions.do_create_application(actor=world.dept_officer, data=app_data(**CERT))
    app = actions.do_submit_application(app, actor=world.dept_officer)
    app = actions.do_pass_first_review(app, actor=world.county_mzj, reason="")
    app = actions.do_approve_application(app, actor=world.leading_group, reason="同意")
    item = ListItem.objects.get(code=app.list_item_code, version__status="draft")
    assert item.category == "certificate" and item.cert_kind == "allowed"
