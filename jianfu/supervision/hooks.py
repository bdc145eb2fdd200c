"""What the supervision workflows do beside moving state: who is told after a move (the edges'
``notify`` hooks) and what happens when a 督办单's deadline passes (the case's ``Deadline``)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core import audit
from jianfu.core.transitions import Move
from jianfu.core.typing import Actor
from jianfu.notify.actions import notify_on_commit
from jianfu.notify.choices import Kind
from jianfu.orgs import tree
from jianfu.orgs.choices import Role
from jianfu.orgs.models import Org, User

from .choices import CaseState
from .models import Case, Order


def current_order(case: Case) -> Order | None:
    return case.orders.order_by("-issued_at", "-id").first()


def office_users(region_code: str) -> list[User]:
    return list(tree.supervising_office(region_code))


def department_users(department: Org) -> list[User]:
    # No "head of department" role exists; every officer of the department is reminded.
    return list(tree.officers(department, Role.DEPT_OFFICER))


def remind_office(case: Case, title: str, *, kind: str = Kind.OTHER) -> None:
    url = reverse("supervision:case", args=[case.pk])
    notify_on_commit(office_users(case.region_code), title=title, url=url, kind=kind)


# --- notify hooks of the case workflow's edges (run after commit) ----------------------------


def tell_department_ordered(case: Case, actor: Actor, move: Move) -> None:
    order = current_order(case)
    if order is None:
        return
    notify_on_commit(
        department_users(order.department),
        title=_("收到督办单{doc_no}，请于 {deadline:%Y-%m-%d} 前回复整改情况").format(
            doc_no=order.doc_no, deadline=order.deadline
        ),
        url=reverse("supervision:order", args=[order.pk]),
        kind=Kind.ORDER,
    )


def tell_office_replied(case: Case, actor: Actor, move: Move) -> None:
    order = current_order(case)
    remind_office(case, f"督办单{order.doc_no if order else ''}已回复，请审核", kind=Kind.ORDER)


def tell_department_sent_back(case: Case, actor: Actor, move: Move) -> None:
    order = current_order(case)
    if order is None:
        return
    notify_on_commit(
        department_users(order.department),
        title=_("督办单{doc_no}的整改情况被退回：{reason}").format(doc_no=order.doc_no, reason=move.reason[:60]),
        url=reverse("supervision:order", args=[order.pk]),
        kind=Kind.ORDER,
    )


# --- the 督办单 deadline (swept by sweep_deadlines) ------------------------------------------


def open_order_due(case: Case) -> dt.date | None:
    """The deadline of the case's current 督办单, while it has not been escalated yet."""
    order = current_order(case)
    if order is None or order.escalated_at is not None or order.accepted_at is not None:
        return None
    return order.deadline


def escalate_order(case: Case, now: dt.datetime) -> Order | None:
    """Mark the case's 督办单, past its deadline without a reply, overdue (逾期): highlighted,
    counted against the department, its officers and the supervising office reminded. Once."""
    today = timezone.localdate(now)
    with transaction.atomic():
        order = current_order(case)
        if order is None:
            return None
        # Locked so that two sweeps (or a sweep and a late reply) cannot both act on it.
        locked = Order.objects.select_for_update().select_related("case", "department").get(pk=order.pk)
        if locked.escalated_at is not None or locked.case.state != CaseState.ORDERED or locked.deadline >= today:
            return None
        locked.escalated_at, locked.was_overdue = now, True
        locked.save(update_fields=["escalated_at", "was_overdue"])
        audit.record(
            None,
            "supervision.order.escalate",
            locked,
            after={"doc_no": locked.doc_no, "deadline": locked.deadline, "days_late": (today - locked.deadline).days},
        )
        url = reverse("supervision:order", args=[locked.pk])
        title = f"督办单{locked.doc_no}已逾期（期限 {locked.deadline:%Y-%m-%d}），请立即回复整改情况"
        dedupe_key = f"supervision:overdue:{locked.pk}"
        notify_on_commit(
            department_users(locked.department), title=title, url=url, dedupe_key=dedupe_key, kind=Kind.ORDER
        )
        notify_on_commit(
            office_users(locked.region_code),
            title=f"{locked.department.name}：{title}",
            url=url,
            dedupe_key=dedupe_key,
            kind=Kind.ORDER,
        )
    return locked


def describe_escalated(order: Order) -> str:
    return f"{order.department.name} 督办单{order.doc_no}（期限 {order.deadline}）"
