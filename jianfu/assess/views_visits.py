"""The workers' visit log (phone) and the four rates per worker, shown to the township."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from jianfu.core.pages import run_action
from jianfu.core.typing import AuthedRequest
from jianfu.orgs import tree
from jianfu.orgs.models import Org
from jianfu.orgs.scoping import jurisdiction

from . import visits
from .forms import VisitForm
from .models import Visit
from .permissions import can_see_ratings, is_community_worker


@login_required
@require_http_methods(["GET", "POST"])
def visit_log(request: AuthedRequest) -> HttpResponse:
    user = request.user
    worker = is_community_worker(user)
    if not worker and not can_see_ratings(user):
        raise PermissionDenied(_("您无权查看入户走访记录。"))
    if request.method == "POST" and not worker:
        raise PermissionDenied(_("只有社区（村）工作者可以记录入户走访。"))
    form = VisitForm(request.POST or None, initial={"visited_on": timezone.localdate()}) if worker else None
    if form is not None and request.method == "POST" and form.is_valid():
        if run_action(request, visits.do_log_visit, actor=user, form=form, **form.cleaned_data):
            messages.success(request, _("已记录走访。"))
            return redirect("assess:visits")
    year_raw = request.GET.get("year", "")
    year = int(year_raw) if year_raw.isdigit() and 2000 <= int(year_raw) <= 2100 else timezone.localdate().year
    division = jurisdiction(user)
    if worker:
        communities = Org.objects.filter(pk=user.org_id or 0)
    elif division is not None:
        communities = tree.grassroots_of(division)
    else:
        communities = Org.objects.none()
    context = {
        "form": form,
        "year": year,
        "rows": visits.worker_rates(communities, year)[:500],
        "mine": Visit.objects.restrict(user).filter(worker=user).order_by("-visited_on", "-pk")[:30] if worker else [],
    }
    return render(request, "assess/visits.html", context)
