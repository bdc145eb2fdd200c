"""三员分立 for credentials (issue 20): once the county has a 安全管理员, only they reset the
auditor's and the security administrator's passwords; the system administrator is refused,
audited, and the password stays as it was."""

from __future__ import annotations

import pytest
from django.test import Client

from jianfu.core.models import AuditEntry
from jianfu.orgs.actions import do_create_user
from jianfu.orgs.choices import Role
from jianfu.orgs.models import User
from jianfu.testing import PASSWORD

pytestmark = pytest.mark.django_db


def _make(world, role: str, username: str, org: str = "county") -> User:
    return do_create_user(
        actor=None,
        username=username,
        full_name=username,
        org=world.orgs[org],
        role=role,
        password=PASSWORD,
        _skip_password_validation=True,
    )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_sysadmin_resets_the_auditor_password_while_the_county_has_no_secadmin(world):
    auditor = _make(world, Role.AUDITOR, "shenji")
    response = _client(world.sysadmin).post(f"/users/{auditor.pk}/reset-password/")
    assert response.status_code == 302
    auditor.refresh_from_db()
    assert auditor.must_change_password and not auditor.check_password(PASSWORD)


def test_once_a_secadmin_exists_the_sysadmin_may_not_reset_the_auditor_or_secadmin(world):
    auditor = _make(world, Role.AUDITOR, "shenji")
    secadmin = _make(world, Role.SECADMIN, "anquan")
    for target in (auditor, secadmin):
        hashed = target.password
        response = _client(world.sysadmin).post(f"/users/{target.pk}/reset-password/")
        assert response.status_code == 403
        assert "只能由安全管理员重置" in response.content.decode()
        target.refresh_from_db()
        assert target.password == hashed and not target.must_change_password
        refusal = AuditEntry.objects.filter(event_type="orgs.user.reset_password_refused", object_id=str(target.pk))
        assert refusal.get().actor == world.sysadmin
    assert not AuditEntry.objects.filter(event_type="orgs.user.reset_password").exists()


def test_the_sysadmin_still_resets_an_ordinary_account_when_a_secadmin_exists(world):
    _make(world, Role.SECADMIN, "anquan")
    response = _client(world.sysadmin).post(f"/users/{world.community_worker.pk}/reset-password/")
    assert response.status_code == 302
    world.community_worker.refresh_from_db()
    assert world.community_worker.must_change_password


def test_the_secadmin_resets_the_auditor_password_from_the_security_page(world):
    auditor = _make(world, Role.AUDITOR, "shenji")
    secadmin = _make(world, Role.SECADMIN, "anquan")
    client = _client(secadmin)
    page = client.get("/security/accounts/", {"q": "shenji"}).content.decode()
    assert f"/security/accounts/{auditor.pk}/reset-password/" in page
    response = client.post(f"/security/accounts/{auditor.pk}/reset-password/", follow=True)
    text = response.content.decode()
    assert "临时密码" in text, (response.status_code, text[-3000:])
    auditor.refresh_from_db()
    assert auditor.must_change_password and not auditor.check_password(PASSWORD)
    assert AuditEntry.objects.filter(event_type="orgs.user.reset_password", actor=secadmin).exists()


def test_the_secadmin_page_does_not_reset_ordinary_accounts_or_another_county(world):
    secadmin = _make(world, Role.SECADMIN, "anquan")
    client = _client(secadmin)
    hashed = world.community_worker.password
    assert client.post(f"/security/accounts/{world.community_worker.pk}/reset-password/").status_code == 403
    other_auditor = _make(world, Role.AUDITOR, "shenji2", org="other_county")
    assert client.post(f"/security/accounts/{other_auditor.pk}/reset-password/").status_code == 404
    world.community_worker.refresh_from_db()
    other_auditor.refresh_from_db()
    assert world.community_worker.password == hashed and not other_auditor.must_change_password
