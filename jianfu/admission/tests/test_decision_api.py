"""The decision API (reject, return, withdraw): the allowed role, a wrong role (403), a role that
cannot see the application (404), the other county (404), and no credentials at all (401)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from jianfu.admission import actions
from jianfu.admission.models import Application
from jianfu.core.models import AuditEntry

from .conftest import app_data

pytestmark = pytest.mark.django_db


def _decide(client, app_id, action, reason=""):
    return client.post(
        f"/api/v1/admission/applications/{app_id}/decision",
        json.dumps({"action": action, "reason": reason}),
        content_type="application/json",
    )


def _state(app):
    return Application.objects.values_list("state", flat=True).get(pk=app.pk)


@pytest.fixture
def submitted(world):
    app = actions.do_create_application(actor=world.dept_officer, data=app_data())
    return actions.do_submit_application(app, actor=world.dept_officer)


@pytest.fixture
def first_passed(world, submitted):
    return actions.do_pass_first_review(submitted, actor=world.county_mzj, reason="依据充分")


@pytest.fixture
def returned(world, submitted):
    return actions.do_return_application(submitted, actor=world.county_mzj, reason="请补充经费测算")


def test_the_leading_group_rejects_with_a_reason(world, first_passed, api_client_for):
    client = api_client_for("leading_group")
    r = _decide(client, first_passed.pk, "reject")
    assert r.status_code == 400 and r.json()["field"] == "reason" and r.json()["detail"] == "请填写理由。"
    assert _state(first_passed) == "first_passed"
    r = _decide(client, first_passed.pk, "reject", "应由部门自行承担")
    assert r.status_code == 200
    body = r.json()
    assert body["state"] == "rejected" and body["state_label"] == "不予准入"
    assert body["decision_reason"] == "应由部门自行承担"
    assert _state(first_passed) == "rejected"


@pytest.mark.parametrize(("persona", "status"), [("county_mzj", 403), ("county_zzb", 403), ("dept_officer", 403)])
def test_reject_by_a_wrong_role_is_403_and_changes_nothing(world, first_passed, api_client_for, persona, status):
    r = _decide(api_client_for(persona), first_passed.pk, "reject", "不同意")
    assert r.status_code == status and r.json()["detail"] == "您没有权限执行此操作。"
    assert _state(first_passed) == "first_passed"
    assert not AuditEntry.objects.filter(event_type="admission.application.reject").exists()


@pytest.mark.parametrize("action", ["reject", "return", "withdraw", "pass_first", "approve"])
@pytest.mark.parametrize("persona", ["other_county_officer", "other_dept_officer", "dept_officer2", "community_worker"])
def test_a_decision_from_those_who_cannot_see_it_is_404(world, first_passed, api_client_for, persona, action):
    r = _decide(api_client_for(persona), first_passed.pk, action, "理由")
    assert r.status_code == 404 and r.json()["detail"] == "未找到该申请。"
    assert _state(first_passed) == "first_passed"


def test_the_first_reviewer_returns_a_submitted_application(world, submitted, api_client_for):
    assert _decide(api_client_for("county_mzj"), submitted.pk, "return").status_code == 400
    assert _decide(api_client_for("county_zzb"), submitted.pk, "return", "退回").status_code == 403
    assert _decide(api_client_for("leading_group"), submitted.pk, "return", "退回").status_code == 403
    assert _decide(api_client_for("dept_officer"), submitted.pk, "return", "退回").status_code == 403
    assert _decide(api_client_for("other_county_officer"), submitted.pk, "return", "退回").status_code == 404
    assert _state(submitted) == "submitted"
    r = _decide(api_client_for("county_mzj"), submitted.pk, "return", "请补充经费测算")
    assert r.status_code == 200 and r.json()["state"] == "returned"
    assert r.json()["decision_reason"] == "请补充经费测算"
    entry = AuditEntry.objects.get(event_type="admission.application.return_first")
    assert entry.actor == world.county_mzj and entry.reason == "请补充经费测算"


def test_the_leading_group_returns_a_first_passed_application(world, first_passed, api_client_for):
    assert _decide(api_client_for("county_mzj"), first_passed.pk, "return", "退回").status_code == 403
    assert _decide(api_client_for("dept_officer"), first_passed.pk, "return", "退回").status_code == 403
    assert _state(first_passed) == "first_passed"
    r = _decide(api_client_for("leading_group"), first_passed.pk, "return", "补充依据")
    assert r.status_code == 200 and r.json()["state"] == "returned"
    assert AuditEntry.objects.get(event_type="admission.application.return").actor == world.leading_group


@pytest.mark.parametrize("stage", ["submitted", "first_passed", "returned"])
def test_the_applicant_withdraws_through_the_api(world, request, api_client_for, stage):
    app = request.getfixturevalue(stage)
    for persona in ("county_mzj", "leading_group"):
        r = _decide(api_client_for(persona), app.pk, "withdraw")
        assert r.status_code == 403, persona
    for persona in ("dept_officer2", "other_county_officer", "other_dept_officer"):
        assert _decide(api_client_for(persona), app.pk, "withdraw").status_code == 404, persona
    assert _state(app) == stage
    r = _decide(api_client_for("dept_officer"), app.pk, "withdraw", "不再需要")
    assert r.status_code == 200 and r.json()["state"] == "withdrawn" and r.json()["state_label"] == "已撤回"
    assert _state(app) == "withdrawn"
    r = _decide(api_client_for("dept_officer"), app.pk, "withdraw")
    assert r.status_code == 409 and "已撤回" in r.json()["detail"]


def test_the_applicant_resubmits_a_returned_application_through_the_api(world, returned, api_client_for):
    assert api_client_for("county_mzj").post(f"/api/v1/admission/applications/{returned.pk}/submit").status_code == 403
    other = api_client_for("other_dept_officer")
    assert other.post(f"/api/v1/admission/applications/{returned.pk}/submit").status_code == 404
    assert _state(returned) == "returned"
    r = api_client_for("dept_officer").post(f"/api/v1/admission/applications/{returned.pk}/submit")
    assert r.status_code == 200 and r.json()["state"] == "submitted"
    r = api_client_for("dept_officer").post(f"/api/v1/admission/applications/{returned.pk}/submit")
    assert r.status_code == 409 and "待初审" in r.json()["detail"]


def test_an_unknown_decision_is_refused_in_chinese(world, first_passed, api_client_for):
    r = _decide(api_client_for("leading_group"), first_passed.pk, "delete")
    assert r.status_code == 400 and r.json()["field"] == "action" and "未知的操作" in r.json()["detail"]
    assert _state(first_passed) == "first_passed"


def test_admission_writes_without_credentials_are_401_in_chinese(world, first_passed):
    """No session, no token; CSRF is really enforced, so this is the anonymous path browsers take."""
    client = Client(enforce_csrf_checks=True)
    for url, body in (
        ("/api/v1/admission/applications", app_data()),
        (f"/api/v1/admission/applications/{first_passed.pk}/decision", {"action": "reject", "reason": "x"}),
    ):
        r = client.post(url, json.dumps(body), content_type="application/json")
        assert r.status_code == 401, (url, r.content)
        assert r.json()["detail"] == "未登录或令牌无效。"
    assert _state(first_passed) == "first_passed" and Application.objects.count() == 1
