"""Staff telephones (issue 20): encrypted at rest with the field key, shown masked on the account
page and in the audit log; a masked number posted back unchanged keeps the stored one."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client

from jianfu.core.models import AuditEntry
from jianfu.orgs.models import User

pytestmark = pytest.mark.django_db


def _raw_phone(user: User) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT phone FROM {User._meta.db_table} WHERE id = %s", [user.pk])
        return cursor.fetchone()[0]


def _sysadmin(world) -> Client:
    client = Client()
    client.force_login(world.sysadmin)
    return client


def _edit(client: Client, user: User, phone: str):
    data = {"full_name": user.full_name, "phone": phone, "org": user.org.pk, "role": user.role}
    return client.post(f"/users/{user.pk}/", data)


def test_the_phone_is_stored_encrypted_and_shown_masked(world):
    client, worker = _sysadmin(world), world.community_worker
    assert _edit(client, worker, "13800001234").status_code == 302
    raw = _raw_phone(worker)
    assert raw.startswith("gAAAAA") and "13800001234" not in raw
    assert User.objects.get(pk=worker.pk).phone == "13800001234"
    page = client.get(f"/users/{worker.pk}/").content.decode()
    assert "138****1234" in page and "13800001234" not in page
    entry = AuditEntry.objects.filter(event_type="orgs.user.update").latest("pk")
    assert entry.after["phone"] == "138****1234" and "13800001234" not in str(entry.before) + str(entry.after)


def test_posting_the_masked_number_back_keeps_the_stored_one(world):
    client, worker = _sysadmin(world), world.community_worker
    _edit(client, worker, "13800001234")
    assert _edit(client, worker, "138****1234").status_code == 302
    assert User.objects.get(pk=worker.pk).phone == "13800001234"
    _edit(client, worker, "0915-5212345")
    assert User.objects.get(pk=worker.pk).phone == "0915-5212345"


def test_the_migration_encrypts_existing_clear_numbers(world):
    worker = world.community_worker
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {User._meta.db_table} SET phone = %s WHERE id = %s", ["13912345678", worker.pk])
    assert User.objects.get(pk=worker.pk).phone == "13912345678"  # a clear value still reads
    migration = importlib.import_module("jianfu.orgs.migrations.0005_encrypt_user_phone")
    migration.encrypt_rows(apps, None)
    assert _raw_phone(worker).startswith("gAAAAA")
    assert User.objects.get(pk=worker.pk).phone == "13912345678"
