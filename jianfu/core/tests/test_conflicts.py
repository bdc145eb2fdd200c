"""A decision that loses a race is a 409 with the current state, never a 403 (issue 20, point 7).

The trap: the new state may have the same action for another role (a ticket rejected by the
approver may be "closed" by its department), so the loser's stale click found an edge it was not
allowed on and got "您没有权限" — although it had every right a moment before."""

from __future__ import annotations

import json
import threading

import pytest
from django.db import connection
from django.test import RequestFactory

from jianfu.api.api import action_error
from jianfu.core.errors import Conflict, NotAllowed
from jianfu.core.tests.workflow_app.models import Ticket
from jianfu.core.transitions import Edge, Workflow
from jianfu.orgs.permissions import has_role


def _approver(t, u):
    return has_role(u, "approver")


def _officer(t, u):
    return has_role(u, "dept_officer")


RACE = Workflow(
    "workflow_app.race",
    Ticket,
    "state",
    [
        Edge("submitted", "reject", "rejected", allowed=_approver, label="驳回"),
        Edge("submitted", "close", "approved", allowed=_approver, label="办结"),
        # The same action from the next state belongs to another role.
        Edge("rejected", "close", "approved", allowed=_officer, label="办结"),
    ],
)


def test_a_stale_decision_is_a_conflict_naming_the_current_state(world):
    ticket = Ticket.objects.create(title="过期", state="submitted")
    stale = Ticket.objects.get(pk=ticket.pk)
    RACE.apply(ticket, "reject", actor=world.leading_group)
    with pytest.raises(Conflict) as caught:
        RACE.apply(stale, "close", actor=world.leading_group)
    assert caught.value.status_code == 409
    assert caught.value.state == "rejected" and caught.value.state_label == "已驳回"
    assert "已驳回" in caught.value.message
    assert Ticket.objects.get(pk=ticket.pk).state == "rejected"


def test_check_also_answers_a_stale_copy_with_a_conflict(world):
    ticket = Ticket.objects.create(title="过期", state="submitted")
    stale = Ticket.objects.get(pk=ticket.pk)
    RACE.apply(ticket, "reject", actor=world.leading_group)
    with pytest.raises(Conflict):
        RACE.check(stale, "close", actor=world.leading_group)


def test_an_actor_without_the_role_on_a_fresh_copy_is_still_refused_with_403(world):
    ticket = Ticket.objects.create(title="越权", state="rejected")
    with pytest.raises(NotAllowed):
        RACE.apply(ticket, "close", actor=world.leading_group)


def test_the_api_answers_a_conflict_with_409_and_the_current_state():
    request = RequestFactory().post("/api/v1/x")
    response = action_error(request, Conflict("当前状态为“已驳回”", state="rejected", state_label="已驳回"))
    assert response.status_code == 409
    body = json.loads(response.content)
    assert body["state"] == "rejected" and body["state_label"] == "已驳回"


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_decisions_the_loser_gets_409_never_403(world):
    """Real threads (row lock on PostgreSQL, IMMEDIATE transactions on SQLite), several rounds."""
    for round_no in range(4):
        ticket = Ticket.objects.create(title=f"并发{round_no}", state="submitted")
        barrier = threading.Barrier(2)
        results: list[str] = []

        def decide(
            action: str, pk: int = ticket.pk, barrier: threading.Barrier = barrier, results: list[str] = results
        ) -> None:
            try:
                copy = Ticket.objects.get(pk=pk)
                barrier.wait()
                RACE.apply(copy, action, actor=world.leading_group)
                results.append("ok")
            except Conflict as exc:
                results.append(f"conflict:{exc.state}")
            except NotAllowed:
                results.append("403")
            finally:
                connection.close()

        threads = [threading.Thread(target=decide, args=(a,)) for a in ("reject", "close")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert "403" not in results
        assert sorted(r.split(":")[0] for r in results) == ["conflict", "ok"], results
