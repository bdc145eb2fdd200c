"""The public verdict page: may the community issue the certificate I am asked for?"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from jianfu.catalog.selectors import list_owner_org, public_owner
from jianfu.core import ratelimit
from jianfu.core.errors import NotFound
from jianfu.core.net import client_ip
from jianfu.core.pages import run_action
from jianfu.core.pdf import PdfUnavailable, pdf_response, render_pdf
from jianfu.orgs.models import Org

from . import actions, selectors
from .forms import DemandForm, VerdictForm
from .verdict import verdict

RATE_MESSAGE = "提交过于频繁，请一小时后再试。"


def owner_of(region_code: str) -> Org:
    """The county whose lists answer for ``region_code`` (a county, township or community code)."""
    org = None
    if region_code.isdigit():
        org = Org.objects.filter(region_code=region_code, is_active=True).order_by("kind").first()
        org = org or (public_owner(region_code) if len(region_code) <= 9 else None)
    owner = list_owner_org(org) if org is not None else None
    if owner is None:
        raise NotFound(_("未找到该辖区。"))
    return owner


def _allowed(request: HttpRequest, county: Org) -> bool:
    limit = int(settings.SUPERVISION_PUBLIC_REPORTS_PER_WINDOW)
    window = int(settings.SUPERVISION_PUBLIC_REPORT_WINDOW_SECONDS)
    return ratelimit.hit(ratelimit.key(f"certs-demand-{county.code}", client_ip(request)), window) <= limit


def verdict_page(request: HttpRequest, county_code: str) -> HttpResponse:
    county = owner_of(county_code)
    form = VerdictForm(request.GET or None)
    found = verdict(county, form.cleaned_data["q"]) if form.is_valid() else None
    agencies = [(str(d.pk), d.name) for d in selectors.agencies(county)]
    context = {"county": county, "form": form, "v": found, "case": None, "error": ""}
    demand = DemandForm(request.POST or None, agencies=agencies, initial={"q": request.GET.get("q", "")})
    if request.method == "POST":
        if not _allowed(request, county):
            context.update(error=RATE_MESSAGE, demand=demand)
            return render(request, "certs/public_verdict.html", context, status=429)
        if demand.is_valid():
            d = demand.cleaned_data
            found = verdict(county, d["q"])
            done = run_action(
                request,
                actions.do_report_demand,
                county,
                actor=request.user,
                text=d["q"],
                verdict=found.as_dict(),
                agency_org=d["agency_org"],
                agency=d["agency"],
                form=demand,
            )
            if done:
                context.update(v=found, case=done.value)
    context["demand"] = demand
    return render(request, "certs/public_verdict.html", context)


def template_pdf(request: HttpRequest, county_code: str, code: str) -> HttpResponse:
    """The county's blank 告知承诺书 for one certificate, to print and sign."""
    county = owner_of(county_code)
    template = selectors.template_for(county, code)
    if template is None:
        raise NotFound(_("该证明没有告知承诺书模板。"))
    try:
        data = render_pdf("certs/pdf/commitment.html", {"c": template, "county": county, "blank": True})
    except PdfUnavailable as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    return pdf_response(data, f"{template.title}.pdf")
