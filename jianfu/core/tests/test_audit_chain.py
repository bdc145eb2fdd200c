"""The audit log is tamper-evident: an edited, deleted or reordered entry breaks its chain."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from jianfu.cli import main as jianfu_main
from jianfu.core import audit
from jianfu.core.auditchain import verify
from jianfu.core.models import AuditChainHead, AuditEntry

pytestmark = pytest.mark.django_db


def _three_entries(world):
    a = audit.record(world.county_mzj, "auth.login", world.county_mzj, after={"n": 1})
    b = audit.record(world.county_mzj, "auth.logout", world.county_mzj, after={"n": 2.5, "who": "李秀英"})
    c = audit.record(world.county_mzj, "auth.login", world.county_mzj, reason="再次登录")
    return a, b, c


def _raw(sql, params):
    """Change the table behind the application's back, as someone with database access would
    (on PostgreSQL a table owner who first switches the append-only trigger off)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending FK checks: ALTER may run
            cursor.execute("ALTER TABLE core_auditentry DISABLE TRIGGER core_auditentry_append_only")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditentry ENABLE TRIGGER core_auditentry_append_only")


def test_entries_of_a_county_are_chained_in_order_and_verify(world):
    a, b, c = _three_entries(world)
    assert (a.chain, b.chain, c.chain) == ("610921",) * 3
    assert [a.seq + 1, a.seq + 2] == [b.seq, c.seq]
    assert b.prev_hash == a.hash and c.prev_hash == b.hash and len(c.hash) == 64
    assert AuditChainHead.objects.get(chain="610921").hash == c.hash
    checked, breaks = verify()
    assert checked >= 3 and breaks == []
    call_command("audit_verify")  # no error


def test_each_county_has_its_own_chain(world):
    mine = audit.record(world.county_mzj, "auth.login", world.county_mzj)
    theirs = audit.record(world.other_county_officer, "auth.login", world.other_county_officer)
    assert mine.chain != theirs.chain and theirs.chain == world.other_county_officer.org.region_code[:6]


def test_an_edited_entry_is_found_with_its_place(world):
    _, b, _ = _three_entries(world)
    _raw("UPDATE core_auditentry SET reason = %s WHERE id = %s", ["改过的理由", b.pk])
    breaks = verify()[1]
    assert [(x.chain, x.seq, x.entry_id) for x in breaks] == [("610921", b.seq, b.pk)]
    assert "被修改" in str(breaks[0])
    with pytest.raises(CommandError, match="校验未通过"):
        call_command("audit_verify")
    assert jianfu_main(["audit", "verify"]) == 1


def test_a_deleted_entry_is_found(world):
    _, b, _ = _three_entries(world)
    _raw("DELETE FROM core_auditentry WHERE id = %s", [b.pk])
    breaks = verify()[1]
    assert len(breaks) == 1 and breaks[0].seq == b.seq and "删除" in str(breaks[0])


def test_a_deleted_last_entry_is_found(world):
    *_, c = _three_entries(world)
    _raw("DELETE FROM core_auditentry WHERE id = %s", [c.pk])
    breaks = verify()[1]
    assert len(breaks) == 1 and "链尾缺失" in str(breaks[0])


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.parametrize(
    "sql", ["UPDATE core_auditentry SET reason = 'x' WHERE id = %s", "DELETE FROM core_auditentry WHERE id = %s"]
)
def test_postgresql_refuses_to_change_or_delete_an_entry(world, sql):
    entry = audit.record(world.county_mzj, "auth.login", world.county_mzj)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk, reason="").exists()
