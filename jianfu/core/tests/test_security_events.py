"""Security events reach the audit log: refused and locked sign-ins, and every file downloaded."""

from __future__ import annotations

import pytest
from django.test import Client

from jianfu.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_a_wrong_password_and_then_the_lockout_are_audited(world, settings):
    settings.LOGIN_MAX_FAILURES = 2
    client = Client()
    for _ in range(3):
        client.post("/login/", {"username": world.county_mzj.username, "password": "wrong-password"})
    failed = AuditEntry.objects.filter(event_type="auth.login_failed")
    locked = AuditEntry.objects.filter(event_type="auth.login_locked")
    assert failed.count() == 2 and locked.count() == 1
    entry = failed.first()
    assert entry.actor is None and entry.actor_name == "系统"
    assert entry.after["username"] == world.county_mzj.username and entry.after["ip"]
    assert entry.chain == "610921"  # the account's county: its auditors see it
    # an unknown name is recorded too, in no county
    client.post("/login/", {"username": "nobody-here", "password": "x"})
    assert AuditEntry.objects.filter(event_type__startswith="auth.login_", after__username="nobody-here").exists()


def test_a_download_is_audited_with_the_file_name(world, client_for):
    client = client_for("county_mzj")
    response = client.get("/burden/report/?format=xlsx")
    assert response.status_code == 200
    entry = AuditEntry.objects.get(event_type="core.export")
    assert entry.actor == world.county_mzj and entry.after["path"] == "/burden/report/"
    assert entry.after["file"].endswith(".xlsx") and "精简率" in entry.after["file"]


def test_a_page_view_is_not_an_export(client_for):
    client_for("county_mzj").get("/burden/report/")
    assert not AuditEntry.objects.filter(event_type="core.export").exists()
