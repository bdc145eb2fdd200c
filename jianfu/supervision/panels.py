"""Home-page panels: the office's queue, a department's open 督办单, a worker's reports."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.home import Panel

from . import selectors
from .choices import CaseState
from .permissions import is_community_worker, is_supervisor


def office_queue(user: Any) -> Panel | None:
    if not is_supervisor(user):
        return None
    waiting = selectors.office_cases(user).filter(
        state__in=[CaseState.RECEIVED, CaseState.VERIFYING, CaseState.SUBSTANTIATED, CaseState.REPLIED]
    )
    today = timezone.localdate()
    overdue = [o for o in selectors.office_orders(user).filter(case__state=CaseState.ORDERED) if o.deadline < today]
    lines = [(f"【{c.get_state_display()}】{c.title}", reverse("supervision:case", args=[c.pk])) for c in waiting[:5]]
    lines += [
        (f"逾期：{o.department.name} 督办单{o.doc_no}", reverse("supervision:order", args=[o.pk])) for o in overdue[:3]
    ]
    return Panel(
        title=_("监督督办待办"),
        count=waiting.count(),
        lines=lines,
        more_url=reverse("supervision:cases"),
        more_label="进入监督案件",
        empty_text="暂无待办理的监督案件。",
        tone="warn" if lines else "ok",
        order=20,
    )


def department_orders(user: Any) -> Panel | None:
    orders = selectors.department_orders(user)
    if not orders.exists():
        return None
    today = timezone.localdate()
    open_orders = [o for o in orders.filter(case__state=CaseState.ORDERED)]
    lines = [
        (
            f"{'【已逾期】' if o.deadline < today else ''}督办单{o.doc_no}：{o.case.title}"
            f"（{o.deadline:%m-%d} 前回复）",
            reverse("supervision:order", args=[o.pk]),
        )
        for o in open_orders[:5]
    ]
    return Panel(
        title=_("待回复的督办单"),
        count=len(open_orders),
        lines=lines,
        more_url=reverse("supervision:orders"),
        empty_text="督办单均已回复。",
        tone="warn" if open_orders else "ok",
        order=15,
    )


def worker_reports(user: Any) -> Panel | None:
    if not is_community_worker(user):
        return None
    cases = selectors.own_reports(user)[:5]
    return Panel(
        title=_("我的反映"),
        lines=[(f"【{c.get_state_display()}】{c.title}", "") for c in cases],
        more_url=reverse("supervision:report"),
        more_label="反映问题",
        empty_text="遇到未入清单的摊派、证明、挂牌，可向县民政局反映。",
        order=60,
    )
