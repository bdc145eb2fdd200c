"""三员分立 (issue 20 point 1): the auditor reads and exports the audit log and does nothing else;
the security administrator unlocks and resets second factors; the system administrator keeps
those duties only while the county has nobody in the role."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from jianfu.core import audit
from jianfu.core.models import AuditEntry
from jianfu.orgs.actions import do_create_user
from jianfu.orgs.choices import Role
from jianfu.testing import PASSWORD

pytestmark = pytest.mark.django_db


def _make(world, role: str, username: str, org: str = "county"):
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


def test_the_auditor_reads_the_county_log_and_the_sysadmin_loses_it(world):
    sysadmin = _client(world.sysadmin)
    assert sysadmin.get("/audit/").status_code == 200  # no auditor yet: the duty is the sysadmin's
    auditor = _make(world, Role.AUDITOR, "shenji")
    assert sysadmin.get("/audit/").status_code == 403
    audit.record(world.county_mzj, "test.here", world.dongguan)
    audit.record(world.other_county_officer, "test.there", world.other_community)
    page = _client(auditor).get("/audit/")
    text = page.content.decode()
    assert page.status_code == 200 and "test.here" in text and "test.there" not in text
    # the other county's sysadmin still holds its own county's log (it has no auditor)
    other = _client(world.other_sysadmin).get("/audit/").content.decode()
    assert "test.there" in other and "test.here" not in other


def test_the_auditor_does_nothing_else(world):
    auditor = _make(world, Role.AUDITOR, "shenji")
    client = _client(auditor)
    for path in ("/lists/", "/orgs/", "/users/", "/security/accounts/", "/account/tokens/", "/burden/report/"):
        assert client.get(path).status_code == 403, path
    assert client.get("/api/v1/me").status_code == 403
    assert client.get("/").status_code == 200
    assert client.get("/audit/mine/").status_code == 200
    from jianfu.orgs.actions import do_issue_token

    token = do_issue_token(auditor, actor=None)
    assert Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/me").status_code == 403


def test_the_log_is_filtered_and_exported_to_excel(world):
    auditor = _make(world, Role.AUDITOR, "shenji")
    audit.record(world.county_mzj, "test.alpha", world.dongguan, after={"note": "=1+1"})
    audit.record(world.county_zzb, "test.beta", world.dongguan)
    client = _client(auditor)
    text = client.get("/audit/", {"event_type": "test.alpha"}).content.decode()
    assert "test.alpha" in text or "李秀英" in text
    response = client.get("/audit/", {"actor": "李秀英", "format": "xlsx", "start": "2000-01-01", "end": "2100-01-01"})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("时间", "操作人", "事件")
    events = [r[3] for r in rows[1:]]
    assert "test.alpha" in events and "test.beta" not in events
    alpha = next(r for r in rows[1:] if r[3] == "test.alpha")
    assert alpha[14] and alpha[12] == "610921"  # hash and chain exported
    # the export is itself an audit entry
    assert AuditEntry.objects.filter(event_type="core.export", actor=auditor).exists()
    # a date in the future: nothing; a wrong date: a message, never a 500
    empty = client.get("/audit/", {"start": "2099-01-01"}).content.decode()
    assert "暂无数据" in empty
    assert client.get("/audit/", {"start": "2026-13-45"}).status_code == 200


def test_the_security_administrator_takes_the_duty_from_the_sysadmin(world):
    sysadmin = _client(world.sysadmin)
    assert sysadmin.get("/security/accounts/").status_code == 200
    secadmin = _make(world, Role.SECADMIN, "anquan")
    assert sysadmin.get("/security/accounts/").status_code == 403
    client = _client(secadmin)
    assert client.get("/security/accounts/").status_code == 200
    assert client.post(f"/security/accounts/{world.county_mzj.pk}/unlock/").status_code == 302
    assert client.get("/audit/").status_code == 403
    assert client.get("/lists/").status_code == 403
    assert client.get("/users/").status_code == 403


def test_the_roles_sit_at_a_county_or_above(world):
    from jianfu.core.errors import ActionError

    with pytest.raises(ActionError):
        _make(world, Role.AUDITOR, "shenji2", org="chengguan")
