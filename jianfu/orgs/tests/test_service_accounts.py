"""Service accounts (服务账号): another system's identity, with scoped, expiring tokens issued by
the system administrator; a token outside its scopes, expired or revoked is refused in Chinese."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from jianfu.admission.tests.lists import publish_lists
from jianfu.core.errors import ActionError
from jianfu.core.models import AuditEntry
from jianfu.orgs import actions
from jianfu.orgs.models import ApiToken, User

pytestmark = pytest.mark.django_db

PAGE = "/service-accounts/"
GATE = {"title": "上报奶茶店数量", "target_org": "610921100"}


def _create(client, **over):
    data = {"op": "create", "username": "svc-12345", "name": "12345 热线", "org": "610921D04", "role": "dept_officer"}
    return client.post(PAGE, {**data, **over})


def _issue(client, account, scopes, expires_on=None):
    expires_on = expires_on or (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    response = client.post(
        PAGE, {"op": "issue", "account": account.pk, "scopes": scopes, "expires_on": expires_on, "name": "对接"}
    )
    found = re.search(r"data-new-token>(jf_[^<]+)<", response.content.decode())
    return response, found.group(1) if found else None


def _api(raw):
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _gate(raw):
    return _api(raw).post("/api/v1/gate/check", json.dumps(GATE), content_type="application/json")


@pytest.fixture
def account(world, client_for):
    assert _create(client_for("sysadmin")).status_code == 302
    return User.objects.get(username="svc-12345")


def test_the_sysadmin_creates_a_service_account_that_cannot_sign_in(world, account, client):
    assert account.is_service and not account.has_usable_password() and account.org.code == "610921D04"
    assert AuditEntry.objects.filter(event_type="orgs.service_account.create", object_id=str(account.pk)).exists()
    response = client.post("/login/", {"username": "svc-12345", "password": ""})
    assert "_auth_user_id" not in client.session and response.status_code == 200


def test_a_gate_check_token_checks_the_gate_and_nothing_else(world, account, client_for):
    publish_lists(world)
    _, raw = _issue(client_for("sysadmin"), account, ["gate:check"])
    assert raw and raw not in client_for("sysadmin").get(PAGE).content.decode()  # shown once
    token = ApiToken.objects.get(user=account)
    assert token.scopes == ["gate:check"] and token.expires_at is not None
    entry = AuditEntry.objects.get(event_type="orgs.token.issue", object_id=str(token.pk))
    assert entry.after["scopes"] == ["gate:check"]
    gate = _gate(raw)
    assert gate.status_code == 200 and gate.json()["verdict"] == "unlisted"
    refused = _api(raw).get("/api/v1/tasks")
    assert refused.status_code == 403
    assert refused.json()["detail"] == "该令牌没有此接口所需的权限范围（dispatch:read）。"


def test_an_expired_or_revoked_service_token_is_a_401(world, account, client_for):
    publish_lists(world)
    sysadmin = client_for("sysadmin")
    _, raw = _issue(sysadmin, account, ["gate:check"])
    token = ApiToken.objects.get(user=account)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    expired = _gate(raw)
    assert expired.status_code == 401 and expired.json()["detail"] == "未登录或令牌无效。"
    _, raw2 = _issue(sysadmin, account, ["gate:check"])
    assert _gate(raw2).status_code == 200
    second = ApiToken.objects.filter(user=account).latest("pk")
    assert sysadmin.post(PAGE, {"op": "revoke", "token": second.pk}).status_code == 302
    assert _gate(raw2).status_code == 401


def test_a_token_needs_scopes_and_an_expiry_within_the_maximum(world, account, client_for, settings):
    sysadmin = client_for("sysadmin")
    too_far = (timezone.localdate() + dt.timedelta(days=settings.TOKEN_MAX_AGE_DAYS + 1)).isoformat()
    for scopes, expires_on, message in [
        ([], None, "请至少选择一项权限范围。"),
        (["nope:all"], None, "未知的权限范围：nope:all"),
        (["gate:check"], too_far, "到期日期须在今天之后"),
        (["gate:check"], "2020-01-01", "到期日期须在今天之后"),
        (["gate:check"], "明天", "请填写到期日期"),
    ]:
        response, raw = _issue(sysadmin, account, scopes, expires_on)
        assert raw is None and message in response.content.decode(), scopes
    assert not ApiToken.objects.filter(user=account).exists()


def test_only_a_sysadmin_of_the_county_manages_its_service_accounts(world, account, client_for):
    assert client_for("county_mzj").get(PAGE).status_code == 403
    other = client_for("other_sysadmin")
    assert 'data-service-account="svc-12345"' not in other.get(PAGE).content.decode()
    assert other.post(PAGE, {"op": "issue", "account": account.pk, "scopes": ["gate:check"],
                             "expires_on": "2099-01-01"}).status_code == 403  # fmt: skip
    assert _create(other, username="svc-x", org="610921D04").status_code == 200  # not its county
    assert not User.objects.filter(username="svc-x").exists()
    assert not ApiToken.objects.filter(user=account).exists()


def test_a_service_account_gets_no_personal_token_and_no_password(world, account):
    with pytest.raises(ActionError, match="服务账号的令牌"):
        actions.do_issue_token(account, actor=world.sysadmin)
    with pytest.raises(ActionError, match="服务账号没有密码"):
        actions.do_reset_password(account, actor=world.sysadmin)
    assert not User.objects.get(pk=account.pk).has_usable_password()


def test_a_personal_token_needs_the_second_factor_passed_in_this_session(world, client_for):
    user = world.users["county_mzj"]
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    with pytest.raises(ActionError, match="动态口令"):
        actions.do_issue_token(user, actor=user)  # a user object from no verified session
    assert not ApiToken.objects.filter(user=user).exists()
    user.is_verified = lambda: True  # what django-otp's middleware sets after a TOTP check
    assert actions.do_issue_token(user, actor=user).startswith("jf_")
