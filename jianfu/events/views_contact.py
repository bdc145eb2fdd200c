"""显示完整号码: the one page that shows a resident's full name and telephone, after a POST that
the audit log records (actions.do_reveal_contact). The event page shows them masked."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from jianfu.core.pages import run_action
from jianfu.core.reveal import render_personal_data
from jianfu.core.typing import AuthedRequest

from . import actions, selectors


@login_required
@require_POST
def reveal_contact(request: AuthedRequest, pk: int) -> HttpResponse:
    event = selectors.get_event(request.user, pk)
    done = run_action(request, actions.do_reveal_contact, event, actor=request.user)
    if not done:
        return redirect("events:detail", pk=event.pk)
    return render_personal_data(request, "events/contact.html", {"e": event, "contact": done.value})
