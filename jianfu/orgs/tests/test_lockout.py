"""The sign-in lockout (issue 20 point 2): keyed by account AND address, a cool-down, an unlock,
and atomic under parallel guesses (threads, on SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import close_old_connections, connection
from django.test import Client
from django.utils import timezone

from jianfu.core.models import AuditEntry
from jianfu.orgs import login_guard
from jianfu.orgs.models import LoginAttempt
from jianfu.testing import PASSWORD


def _try(username: str, password: str, ip: str) -> int:
    return Client(REMOTE_ADDR=ip).post("/login/", {"username": username, "password": password}).status_code


@pytest.mark.django_db
def test_the_account_is_locked_at_one_address_only_and_unlocks_after_the_cool_down(world, settings):
    settings.LOGIN_MAX_FAILURES = 3
    name = world.county_mzj.username
    for _ in range(3):
        assert _try(name, "wrong-password", "10.0.0.1") == 401
    # locked at that address, even with the right password
    assert _try(name, PASSWORD, "10.0.0.1") == 401
    assert AuditEntry.objects.filter(event_type="auth.login_locked").exists()
    # the real user at their own desk is not locked out by someone elsewhere
    assert _try(name, PASSWORD, "10.0.0.2") == 302
    # the cool-down ends the lock
    LoginAttempt.objects.filter(kind="user-ip").update(locked_until=timezone.now() - timedelta(seconds=1))
    assert _try(name, PASSWORD, "10.0.0.1") == 302


@pytest.mark.django_db
def test_an_address_guessing_many_accounts_is_locked(world, settings):
    settings.LOGIN_MAX_FAILURES = 2
    for i in range(8):  # the address may fail 4 × the limit over all names
        _try(f"name{i}", "wrong-password", "10.0.0.9")
    assert _try(world.county_mzj.username, PASSWORD, "10.0.0.9") == 401
    assert _try(world.county_mzj.username, PASSWORD, "10.0.0.10") == 302


@pytest.mark.django_db
def test_a_success_clears_the_count(world, settings):
    settings.LOGIN_MAX_FAILURES = 3
    name = world.county_mzj.username
    for _ in range(2):
        _try(name, "wrong-password", "10.0.0.1")
    assert _try(name, PASSWORD, "10.0.0.1") == 302
    for _ in range(2):
        _try(name, "wrong-password", "10.0.0.1")
    assert _try(name, PASSWORD, "10.0.0.1") == 302


@pytest.mark.django_db
def test_the_security_administrator_unlocks_an_account(world, settings):
    settings.LOGIN_MAX_FAILURES = 2
    name = world.county_mzj.username
    for _ in range(3):
        _try(name, "wrong-password", "10.0.0.1")
    assert login_guard.is_locked(name, "10.0.0.1")
    admin = Client()
    admin.force_login(world.sysadmin)
    page = admin.get("/security/accounts/")
    assert page.status_code == 200 and "已锁定" in page.content.decode()
    outsider = Client()
    outsider.force_login(world.other_sysadmin)
    assert outsider.post(f"/security/accounts/{world.county_mzj.pk}/unlock/").status_code == 404
    officer = Client()
    officer.force_login(world.county_zzb)
    assert officer.post(f"/security/accounts/{world.county_mzj.pk}/unlock/").status_code == 403
    assert admin.post(f"/security/accounts/{world.county_mzj.pk}/unlock/").status_code == 302
    assert not login_guard.is_locked(name, "10.0.0.1")
    assert AuditEntry.objects.get(event_type="auth.unlock").after == {"locks": 1}
    assert _try(name, PASSWORD, "10.0.0.1") == 302


@pytest.mark.django_db(transaction=True)
def test_parallel_guesses_get_no_more_checks_than_the_limit(settings):
    """40 threads guess at once: exactly LOGIN_MAX_FAILURES of them reach the password check."""
    settings.LOGIN_MAX_FAILURES = 5
    passed: list[bool] = []
    lock = threading.Lock()
    start = threading.Barrier(20)

    def guess() -> None:
        try:
            start.wait(timeout=30)
            ok = login_guard.reserve("target-account", "10.1.1.1")
            with lock:
                passed.append(ok)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=guess) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(passed) == 20
    assert passed.count(True) == 5
    row = LoginAttempt.objects.get(kind="user-ip")
    assert row.failures == 5 and row.locked_until is not None
