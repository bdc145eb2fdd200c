"""The transition engine: legal moves, refusals, audit entries and concurrent decisions."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from jianfu.core.errors import ActionError, Conflict, NotAllowed
from jianfu.core.models import AuditEntry
from jianfu.core.tests.workflow_app.models import Ticket
from jianfu.core.tests.workflow_app.transitions import TICKET
from jianfu.core.transitions import Edge, Workflow


@pytest.fixture
def ticket(world):
    return Ticket.objects.create(title="为民服务")


def test_a_legal_move_changes_state_and_writes_the_audit_entry(world, ticket):
    TICKET.apply(ticket, "submit", actor=world.dept_officer)
    ticket.refresh_from_db()
    assert ticket.state == "submitted"
    entry = AuditEntry.objects.get(event_type="workflow_app.ticket.submit")
    assert entry.actor == world.dept_officer
    assert entry.before == {"state": "draft"} and entry.after == {"state": "submitted"}
    assert entry.object_id == str(ticket.pk) and entry.region_code == "610921"
    assert entry.org == world.wjj
    assert entry.request_id


def test_it_refuses_an_action_not_allowed_from_the_current_state(world, ticket):
    with pytest.raises(Conflict):
        TICKET.apply(ticket, "approve", actor=world.leading_group)
    ticket.refresh_from_db()
    assert ticket.state == "draft"
    assert not AuditEntry.objects.filter(event_type__startswith="workflow_app").exists()


def test_it_refuses_an_actor_without_the_role(world, ticket):
    with pytest.raises(NotAllowed):
        TICKET.apply(ticket, "submit", actor=world.community_worker)
    ticket.refresh_from_db()
    assert ticket.state == "draft"


def test_it_requires_a_reason_where_the_table_says_so(world, ticket):
    TICKET.apply(ticket, "submit", actor=world.dept_officer)
    with pytest.raises(ActionError) as exc:
        TICKET.apply(ticket, "reject", actor=world.leading_group, reason="  ")
    assert exc.value.field == "reason"
    TICKET.apply(ticket, "reject", actor=world.leading_group, reason="缺少经费来源")
    ticket.refresh_from_db()
    assert ticket.state == "rejected" and ticket.decided_by == "leading_group"
    assert AuditEntry.objects.get(event_type="workflow_app.ticket.reject").reason == "缺少经费来源"


def test_a_guard_stops_the_move_with_its_message(world, ticket):
    TICKET.apply(ticket, "submit", actor=world.dept_officer)
    TICKET.apply(ticket, "reject", actor=world.leading_group, reason="重写")
    Ticket.objects.filter(pk=ticket.pk).update(title="")
    with pytest.raises(ActionError, match="标题不能为空"):
        TICKET.apply(ticket, "submit", actor=world.dept_officer)
    ticket.refresh_from_db()
    assert ticket.state == "rejected"


def test_it_refuses_an_unknown_action(world, ticket):
    with pytest.raises(ActionError, match="未知的操作"):
        TICKET.apply(ticket, "explode", actor=world.dept_officer)


def test_a_table_with_a_no_op_edge_is_refused_at_declaration():
    with pytest.raises(ValueError, match="no-op"):
        Workflow("x", Ticket, "state", [Edge("draft", "touch", "draft")])


def test_available_lists_only_the_moves_this_user_may_take(world, ticket):
    assert [e.action for e in TICKET.available(ticket, world.dept_officer)] == ["submit"]
    assert TICKET.available(ticket, world.leading_group) == []


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_decisions_one_wins(world):
    """Two approvers decide at once: the row lock lets exactly one through."""
    ticket = Ticket.objects.create(title="并发", state="submitted")
    barrier = threading.Barrier(2)
    results: list[str] = []

    def decide(action: str, reason: str) -> None:
        try:
            barrier.wait()
            TICKET.apply(Ticket.objects.get(pk=ticket.pk), action, actor=world.leading_group, reason=reason)
            results.append("ok")
        except Conflict:
            results.append("conflict")
        finally:
            connection.close()  # this thread's own connection, so the test database can be dropped

    threads = [threading.Thread(target=decide, args=(a, "理由")) for a in ("approve", "reject")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["conflict", "ok"]
    ticket.refresh_from_db()
    assert ticket.state in ("approved", "rejected")
    assert AuditEntry.objects.filter(object_type="workflow_app.ticket", object_id=str(ticket.pk)).count() == 1
