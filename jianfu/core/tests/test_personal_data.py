"""Personal data at rest (issue 20, point 4): masks, key rotation, the migration that encrypts
existing rows, and 0600/0700 files. CI runs this on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import connection

from jianfu.core import crypto

REPO = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("13800000000", "138****0000"),
        ("0915-1234567", "0915-*****67"),
        ("", ""),
        ("匿名", "匿名"),
        ("zhang@example.cn", "z**************n"),
    ],
)
def test_phones_are_masked(raw, masked):
    assert crypto.mask_phone(raw) == masked


def test_id_numbers_and_names_are_masked():
    assert crypto.mask_id("610921199001011234") == "6109**********1234"
    assert crypto.mask_name("王秀兰") == "王*兰"


def _raw(pk: int) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact_name, contact_phone FROM events_event WHERE id = %s", [pk])
        return cursor.fetchone()


@pytest.fixture
def event(world):
    from jianfu.events.tests.helpers import setup
    from jianfu.events.tests.test_pages_api import resident_event

    setup(world)
    return resident_event(world)


def test_the_migration_encrypts_rows_written_in_clear(world, event):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE events_event SET contact_name = %s, contact_phone = %s WHERE id = %s",
            ["李大爷", "13700001111", event.pk],
        )
    migration = import_module("jianfu.events.migrations.0002_encrypt_contact")
    migration.encrypt_rows(django_apps, None)
    name, phone = _raw(event.pk)
    assert name.startswith("gAAAAA") and phone.startswith("gAAAAA")
    assert (crypto.decrypt(name), crypto.decrypt(phone)) == ("李大爷", "13700001111")


def test_rotation_re_encrypts_under_the_new_key_and_the_old_key_may_then_go(world, event, settings):
    old = Fernet.generate_key().decode()
    new = Fernet.generate_key().decode()
    settings.FIELD_KEYS = [old, crypto.derived_key(settings.SECRET_KEY)]  # off the derived key
    call_command("rotate_field_key", verbosity=0)
    settings.FIELD_KEYS = [old]
    assert Fernet(old.encode()).decrypt(_raw(event.pk)[1].encode()).decode() == "13912345678"
    settings.FIELD_KEYS = [new, old]  # the new key first: it encrypts, both decrypt
    call_command("rotate_field_key", verbosity=0)
    settings.FIELD_KEYS = [new]  # the old key removed
    assert Fernet(new.encode()).decrypt(_raw(event.pk)[1].encode()).decode() == "13912345678"
    from jianfu.events.models import Event

    assert Event.objects.get(pk=event.pk).contact_phone == "13912345678"


def test_a_token_no_key_opens_reads_as_unreadable_and_is_never_overwritten(world, event, settings):
    from django.core.management.base import CommandError

    from jianfu.events.models import Event

    before = _raw(event.pk)
    settings.FIELD_KEYS = [Fernet.generate_key().decode()]  # the old key lost
    loaded = Event.objects.get(pk=event.pk)
    assert loaded.contact_phone == crypto.UNREADABLE
    loaded.save()  # a full save writes the unreadable token back as it was
    with pytest.raises(CommandError, match="无法用现有密钥解密"):
        call_command("rotate_field_key", verbosity=0)
    assert _raw(event.pk) == before


def test_the_database_and_data_directory_are_the_platforms_alone(tmp_path):
    """`jianfu migrate` on a fresh data directory: the SQLite file 0600, directories 0700."""
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIANFU_", "DJANGO_"))}
    env.update(JIANFU_DEMO="1", JIANFU_DATA_DIR=str(data))
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from jianfu.cli import main; sys.exit(main(['migrate']))"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    database = data / "jianfu.sqlite3"
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for extra in data.glob("jianfu.sqlite3-*"):  # WAL and shared-memory files
        assert stat.S_IMODE(extra.stat().st_mode) & 0o077 == 0


def test_uploads_are_written_0600(settings):
    assert settings.FILE_UPLOAD_PERMISSIONS == 0o600 and settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS == 0o700
