"""The audit log is append-only and cannot be changed through any door."""

from __future__ import annotations

import pytest

from jianfu.core.models import AuditEntry
from jianfu.orgs.actions import do_reset_password


def test_actions_write_audit_entries_with_actor_org_and_request_id(world):
    do_reset_password(world.community_worker, actor=world.sysadmin)
    entry = AuditEntry.objects.get(event_type="orgs.user.reset_password")
    assert entry.actor == world.sysadmin
    assert entry.org == world.county
    assert entry.object_type == "orgs.user" and entry.object_id == str(world.community_worker.pk)
    assert entry.region_code == world.dongguan.region_code
    assert len(entry.request_id) == 32


def test_an_audit_entry_cannot_be_updated_or_deleted(world):
    entry = AuditEntry.objects.first()
    entry.reason = "篡改"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().update(reason="篡改")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert not AuditEntry.objects.filter(reason="篡改").exists()


def test_a_request_id_ties_entries_to_the_request(client_for):
    client = client_for("sysadmin")
    response = client.get("/", HTTP_X_REQUEST_ID="req-abcdef123456")
    assert response["X-Request-ID"] == "req-abcdef123456"


def test_no_url_edits_the_audit_log(client_for):
    client = client_for("sysadmin")
    for path in ("/admin/", "/api/v1/audit", "/audit/1/delete/"):
        assert client.post(path).status_code in (404, 405)


def test_my_audit_page_lists_only_my_own_entries(world, client_for):
    do_reset_password(world.community_worker, actor=world.sysadmin)
    page = client_for("sysadmin").get("/audit/mine/").content.decode()
    assert "重置密码" in page
    other = client_for("community_worker").get("/audit/mine/").content.decode()
    assert "重置密码" not in other
