from jianfu.core.transitions import Edge, Workflow
from jianfu.orgs.permissions import has_role

from .models import Ticket


def _stamp(ticket: Ticket, actor: object, reason: str) -> None:
    ticket.decided_by = getattr(actor, "username", "")


TICKET = Workflow(
    "workflow_app.ticket",
    Ticket,
    "state",
    [
        Edge("draft", "submit", "submitted", allowed=lambda t, u: has_role(u, "dept_officer"), label="提交"),
        Edge(
            "submitted",
            "approve",
            "approved",
            allowed=lambda t, u: has_role(u, "approver"),
            label="批准",
            effect=_stamp,
            extra_fields=("decided_by",),
        ),
        Edge(
            "submitted",
            "reject",
            "rejected",
            allowed=lambda t, u: has_role(u, "approver"),
            label="驳回",
            needs_reason=True,
            effect=_stamp,
            extra_fields=("decided_by",),
        ),
        Edge(
            "rejected",
            "submit",
            "submitted",
            allowed=lambda t, u: has_role(u, "dept_officer"),
            label="重新提交",
            guard=lambda t, u: "标题不能为空。" if not t.title else None,
        ),
    ],
)
