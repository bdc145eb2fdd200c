"""Dispatch pages: sending a task through the gate, the sent list, and the community inbox."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jianfu.admission.selectors import approved_for
from jianfu.core.exports import table_response, wants_xlsx
from jianfu.core.pages import run_action
from jianfu.core.typing import AuthedRequest
from jianfu.orgs import tree
from jianfu.orgs.choices import GRASSROOTS_KINDS, OrgKind
from jianfu.orgs.scoping import visible_orgs

from . import actions, selectors
from .choices import ONE_CLICK_REFUSAL, VERDICT_TONE, TaskState, Verdict
from .forms import CompleteForm, SendForm
from .permissions import can_send
from .selectors import basis_items
from .transitions import refusal_undo_until


def _send_form(request: AuthedRequest, data: Any = None) -> SendForm:
    user = request.user
    orgs = visible_orgs(user).filter(is_active=True, kind__in=[OrgKind.TOWNSHIP, *GRASSROOTS_KINDS]).order_by("code")
    targets = [(o.code, f"{o.name}全部社区和村（含今后新设）" if o.kind == OrgKind.TOWNSHIP else o.name) for o in orgs]
    townships = {o.code: o.name for o in orgs if o.kind == OrgKind.TOWNSHIP}
    group_of = {o.code: townships.get(tree.township_code(o.code), "") for o in orgs}
    items: list[tuple[str, str]] = []
    if user.org is not None:  # always, behind can_send
        items = [(i.code, f"{i.code} {i.title}") for i in basis_items(user.org)]
    apps = [(str(a.pk), f"#{a.pk} {a.title}") for a in approved_for(user)[:200]]
    return SendForm(data, targets=targets, items=items, applications=apps, group_of=group_of)


def _verdict(user: Any, data: dict[str, Any]) -> Any:
    """The gate's verdict on a task not yet sent, with the number of communities it reaches."""
    communities, verdict = actions.preview(user, data)
    verdict.count = len(communities)
    return verdict


@login_required
@require_http_methods(["GET", "POST"])
def send(request: AuthedRequest) -> HttpResponse:
    if not can_send(request.user):
        raise PermissionDenied(_("只有部门或乡镇经办人可以派发任务。"))
    form = _send_form(request, request.POST or None)
    verdict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["targets"] = list(data["targets"])
        if "check" in request.POST:
            verdict = run_action(request, _verdict, request.user, data, form=form).value
        else:
            done = run_action(
                request,
                actions.do_send_task,
                actor=request.user,
                data=data,
                confirm_unlisted=bool(data.get("confirm_unlisted")),
                form=form,
            )
            if done:
                dispatch = done.value
                messages.success(
                    request,
                    _("已派发给 {task_count} 个社区（审查结论：{get_verdict_display}）。").format(
                        task_count=dispatch.task_count, get_verdict_display=dispatch.get_verdict_display()
                    ),
                )
                return redirect("dispatch_detail", pk=dispatch.pk)
            if done.error is not None and done.error.field == "confirm_unlisted":
                # Show the verdict the sender must confirm; a refusal here was already on the form.
                verdict = run_action(request, _verdict, request.user, data, on_error=lambda exc: None).value
    return render(request, "dispatch/send.html", {"form": form, "verdict": verdict, "tone": VERDICT_TONE})


@login_required
def sent_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.with_counts(selectors.dispatches_for(request.user)).order_by("-created_at", "-id")
    if wants_xlsx(request):
        return table_response(
            _("派发任务"),
            [_("任务名称"), _("派发单位"), _("审查结论"), _("依据"), _("社区数"), _("接收"), _("完成"), _("拒收"),
             _("完成期限"), _("派发时间")],
            qs.select_related("sender_org"),
            lambda d: [d.title, d.sender_org.name, d.get_verdict_display(), d.basis, d.task_count, d.n_accepted,
                       d.n_completed, d.n_refused, d.deadline, d.created_at],
        )  # fmt: skip
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request, "dispatch/list.html", {"page": page, "tone": VERDICT_TONE, "can_send": can_send(request.user)}
    )


@login_required
def dispatch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dispatch = selectors.get_dispatch(request.user, pk)
    tasks = selectors.tasks_of(request.user, dispatch)
    return render(request, "dispatch/detail.html", {"d": dispatch, "tasks": tasks, "tone": VERDICT_TONE})


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "open")
    qs = selectors.inbox_for(request.user)
    if state == "open":
        # A refusal stays in view while it may still be withdrawn (the undo window).
        recent = timezone.now() - dt.timedelta(minutes=settings.DISPATCH_REFUSAL_UNDO_MINUTES)
        qs = qs.filter(
            Q(state__in=[TaskState.SENT, TaskState.ACCEPTED])
            | Q(state=TaskState.REFUSED, acted_at__gte=recent, acted_at__isnull=False)
        )
    elif state in TaskState.values:
        qs = qs.filter(state=state)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    now = timezone.now()
    for task in page.object_list:
        until = refusal_undo_until(task)
        task.undo_until = until if until is not None and until >= now else None  # type: ignore[attr-defined]
    minutes = settings.DISPATCH_REFUSAL_UNDO_MINUTES
    return render(
        request,
        "dispatch/inbox.html",
        {
            "page": page,
            "refuse_question": (
                _("确定拒收该任务？拒收将转县民政局监督，{minutes} 分钟内可撤回。").format(minutes=minutes)
                if minutes > 0
                else _("确定拒收该任务？拒收将转县民政局监督，不能撤回。")
            ),
            "state": state,
            "states": TaskState.choices,
            "tone": VERDICT_TONE,
            "one_click": ONE_CLICK_REFUSAL,
            "complete_form": CompleteForm(),
            "verdicts": Verdict,
        },
    )


@login_required
@require_POST
def inbox_act(request: HttpRequest, pk: int, op: str) -> HttpResponse:
    task = selectors.get_inbox_task(request.user, pk)
    if op == "accept":
        if run_action(request, actions.do_accept_task, task, actor=request.user):
            messages.success(request, _("已接收：{title}").format(title=task.title))
    elif op == "refuse":
        done = run_action(
            request, actions.do_refuse_task, task, actor=request.user, reason=request.POST.get("reason", "")
        )
        if done:
            messages.success(
                request,
                _("已拒收：{title}。理由：{reason}（已转监督）").format(title=task.title, reason=done.value.reason),
            )
    elif op == "withdraw_refusal":
        if run_action(request, actions.do_withdraw_refusal, task, actor=request.user):
            messages.success(request, _("已撤回拒收：{title}。任务回到待办。").format(title=task.title))
    elif op == "complete":
        if run_action(
            request, actions.do_complete_task, task, actor=request.user, minutes=request.POST.get("minutes", "")
        ):
            messages.success(request, _("已完成：{title}").format(title=task.title))
    else:
        raise Http404(_("未知的操作。"))
    back = request.POST.get("back", "")
    return redirect(back if back.startswith("/inbox/") else "dispatch_inbox")
