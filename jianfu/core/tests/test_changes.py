"""The audit trail reads in Chinese: event names and 「字段：旧值 → 新值」, never raw JSON or codes."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from jianfu.core import audit
from jianfu.core.changes import describe
from jianfu.core.events import label
from jianfu.orgs.actions import do_set_user_active

JIANFU = Path(__file__).resolve().parents[2]


def _recorded_event_types() -> set[str]:
    """Every event type passed as a literal to ``audit.record`` anywhere in the code."""
    found = set()
    for path in JIANFU.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name == "record" and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant):
                found.add(node.args[1].value)
    return found


def test_every_recorded_event_type_has_a_chinese_name():
    types = _recorded_event_types()
    assert len(types) > 20
    assert sorted(t for t in types if label(t) == t) == []


@pytest.mark.django_db
def test_a_change_shows_field_names_and_choice_labels_in_chinese(world):
    target = world.community_worker
    do_set_user_active(target, actor=world.sysadmin, active=False)
    entry = audit.AuditEntry.objects.filter(object_id=str(target.pk)).latest("id")
    shown = [(c.label, c.old, c.new) for c in describe(entry)]
    assert shown and all("is_active" not in c[0] for c in shown)
    assert any(c[1] == "是" and c[2] == "否" for c in shown)


@pytest.mark.django_db
def test_my_audit_page_has_no_raw_json(client, world):
    do_set_user_active(world.community_worker, actor=world.sysadmin, active=False)
    client.force_login(world.sysadmin)
    page = client.get("/audit/mine/").content.decode()
    assert "停用账号" in page or "启用账号" in page
    assert "{&#x27;" not in page and "{'" not in page and "is_active" not in page
