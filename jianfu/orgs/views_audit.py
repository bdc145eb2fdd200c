"""The auditor's page (审计员): the jurisdiction's audit log, filtered, and its Excel export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from jianfu.core.changes import primed
from jianfu.core.xlsx import xlsx_response

from . import auditlog
from .forms import AuditFilterForm
from .permissions import can_read_audit_log


@login_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    if not can_read_audit_log(request.user):
        raise PermissionDenied(_("仅审计员可查阅审计日志。"))
    form = AuditFilterForm(request.GET or None, event_types=auditlog.event_type_choices(request.user))
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    entries = auditlog.audit_log(
        request.user,
        start=filters.get("start"),
        end=filters.get("end"),
        actor=filters.get("actor", ""),
        event_type=filters.get("event_type", ""),
    )
    if request.GET.get("format") == "xlsx":
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        return xlsx_response(auditlog.workbook(entries), f"审计日志-{stamp}.xlsx")
    page = Paginator(entries.select_related("actor"), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    with primed(page.object_list):
        return render(request, "orgs/audit_log.html", {"form": form, "page": page, "query": query.urlencode()})
