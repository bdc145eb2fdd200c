"""Residents' pages (no login): report a problem to the community, follow it by tracking code."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from jianfu.core import ratelimit
from jianfu.core.errors import NotFound
from jianfu.core.net import client_ip
from jianfu.core.pages import run_action
from jianfu.orgs import tree
from jianfu.orgs.choices import OrgKind
from jianfu.orgs.models import Org

from . import actions, selectors
from .forms import ResidentForm, TrackForm

WINDOW_SECONDS = 3600


def public_county(code: str) -> Org:
    county = Org.objects.filter(code=code, kind=OrgKind.COUNTY, is_active=True).first()
    if county is None:
        raise NotFound(_("未找到该县（区）。"))
    return county


def allow(ip: str, county_code: str) -> bool:
    """Every attempt counts, per address and county (as supervision's public report)."""
    limit = int(settings.EVENTS_PUBLIC_REPORTS_PER_WINDOW)
    return ratelimit.hit(ratelimit.key(f"events-report-{county_code}", ip), WINDOW_SECONDS) <= limit


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, county_code: str) -> HttpResponse:
    county = public_county(county_code)
    communities = [
        (c.code, f"{c.parent.name if c.parent else ''} {c.name}")
        for c in tree.grassroots_of(county).select_related("parent").order_by("code")
    ]
    categories = [(c.code, c.path) for c in selectors.leaf_categories(county.region_prefix)]
    if request.method == "POST" and not allow(client_ip(request), county.code):
        # Refused, not invalid: the form comes back unbound (no field errors) with what was typed.
        form = ResidentForm(communities=communities, categories=categories, initial=request.POST.dict())
        error = _("提交过于频繁，请一小时后再试。如情况紧急，请拨打 12345。")
        return render(
            request, "events/public_report.html", {"form": form, "county": county, "error": error}, status=429
        )
    form = ResidentForm(request.POST or None, request.FILES or None, communities=communities, categories=categories)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        community = tree.grassroots_of(county).filter(code=data.pop("community")).first()
        done = run_action(
            request,
            actions.do_submit_resident_report,
            county=county,
            community=community,
            contact_name=data.pop("contact_name"),
            contact_phone=data.pop("contact_phone"),
            files=data.pop("photos") or [],
            data=data,
            form=form,
        )
        if done:
            request.session["events_tracking_code"] = done.value.tracking_code
            return redirect("events:public_done", county_code=county.code)
    return render(request, "events/public_report.html", {"form": form, "county": county})


def done(request: HttpRequest, county_code: str) -> HttpResponse:
    county = public_county(county_code)
    code = request.session.get("events_tracking_code", "")
    if not code:
        return redirect("events:public_report", county_code=county.code)
    return render(request, "events/public_done.html", {"county": county, "code": code})


def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.GET or None)
    event, error = None, ""
    if request.GET and form.is_valid():
        event = selectors.track(form.cleaned_data["code"])
        if event is None:
            error = _("未找到该查询码对应的反映，请核对后重试。")
    county = request.GET.get("county", "")
    return render(request, "events/public_track.html", {"form": form, "e": event, "error": error, "county": county})
