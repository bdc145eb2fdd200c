"""Survey pages: codes and response rates, flagged answers, computing scores, the public form."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jianfu.core import ratelimit
from jianfu.core.net import client_ip
from jianfu.core.pages import run_action
from jianfu.core.pdf import cjk_font_available, pdf_response, render_pdf
from jianfu.core.typing import AuthedRequest
from jianfu.orgs import tree

from . import actions, selectors, survey
from .choices import SURVEY_QUESTIONS
from .forms import IssueForm, SurveyForm
from .models import Scheme
from .permissions import is_community_worker, owns_scheme
from .views import _must_see

RATE_MESSAGE = "提交过于频繁，请稍后再试。"


def qr_data_uri(url: str) -> str:
    """An SVG QR code of the card's link (segno), inlined so WeasyPrint needs no file."""
    import segno

    return str(segno.make(url, error="m").svg_data_uri(scale=3, border=1))


def _issue_form(scheme: Scheme, user: object, data: object = None) -> IssueForm | None:
    if scheme.state == "published":
        return None
    if owns_scheme(scheme, user):
        choices = [(c.code, c.name) for c in tree.grassroots_of(scheme.township).order_by("code")]
    elif is_community_worker(user):
        choices = [(user.org.code, user.org.name)]  # type: ignore[attr-defined]
    else:
        return None
    return IssueForm(data, communities=choices)


def _page(request: AuthedRequest, scheme: Scheme, **extra: object) -> HttpResponse:
    user = request.user
    owner = owns_scheme(scheme, user)
    context = {
        "scheme": scheme,
        "owner": owner,
        "rows": selectors.survey_stats(scheme, only=user.org if is_community_worker(user) else None),
        "flagged": selectors.flagged_answers(scheme)[:500] if owner else [],
        "issue_form": _issue_form(scheme, user),
        "pdf_ok": cjk_font_available(),
        **extra,
    }
    return render(request, "assess/survey.html", context)


@login_required
def survey_page(request: AuthedRequest, pk: int) -> HttpResponse:
    _must_see(request)
    return _page(request, selectors.get_scheme(request.user, pk))


@login_required
@require_POST
def issue_codes(request: AuthedRequest, pk: int) -> HttpResponse:
    """Create a batch and return its printable PDF (the plain codes exist only in it)."""
    _must_see(request)
    scheme = selectors.get_scheme(request.user, pk)
    form = _issue_form(scheme, request.user, request.POST)
    if form is None:
        raise PermissionDenied(_("只有本社区或本乡镇（街道）可以印制问卷码。"))
    if not cjk_font_available():
        form.add_error(None, _("服务器未安装中文字体（fonts-noto-cjk），暂无法生成问卷卡，未生成问卷码。"))
    elif form.is_valid():
        done = run_action(request, survey.do_issue_codes, scheme, actor=request.user, form=form, **form.cleaned_data)
        if done:
            batch, codes = done.value
            url = request.build_absolute_uri("/public/survey/")
            cards = [{"code": survey.pretty(c), "qr": qr_data_uri(f"{url}?c={c}")} for c in codes]
            data = render_pdf("assess/pdf/cards.html", {"scheme": scheme, "batch": batch, "cards": cards, "url": url})
            return pdf_response(data, f"{batch.community.name}-问卷码-{batch.pk}.pdf")
    return _page(request, scheme, issue_form=form)


@login_required
@require_POST
def review(request: AuthedRequest, pk: int) -> HttpResponse:
    _must_see(request)
    scheme = selectors.get_scheme(request.user, pk)
    accept = request.POST.get("decision") == "accept"
    done = run_action(
        request, survey.do_review_answers, scheme, actor=request.user, ids=request.POST.getlist("ids"), accept=accept
    )
    if done:
        messages.success(request, _("已审核 {n} 份答卷。").format(n=done.value))
    return redirect("assess:survey", pk=scheme.pk)


@login_required
@require_POST
def compute(request: AuthedRequest, pk: int) -> HttpResponse:
    _must_see(request)
    scheme = selectors.get_scheme(request.user, pk)
    if not owns_scheme(scheme, request.user):
        raise PermissionDenied(_("只有本乡镇（街道）可以评分。"))
    done = run_action(request, actions.do_compute_scores, scheme, actor=request.user)
    if done:
        messages.success(request, _("已计算 {n} 项数据得分。").format(n=done.value))
    return redirect("assess:detail", pk=scheme.pk)


def allowed(request: HttpRequest) -> bool:
    """The public throttle (core.ratelimit), per client address."""
    limit = int(settings.ASSESS_SURVEY_ANSWERS_PER_WINDOW)
    window = int(settings.SUPERVISION_PUBLIC_REPORT_WINDOW_SECONDS)
    return ratelimit.hit(ratelimit.key("assess-survey", client_ip(request)), window) <= limit


@lru_cache(maxsize=4)
def _blank_questions(language: str) -> SafeString:
    """The eight questions of a blank survey form, rendered once per language: every resident's
    GET shows the same radio buttons, and rendering them was half the page's CPU time
    (bench/survey_served_bench.py). The output is the autoescaped template's, so it is safe."""
    form = SurveyForm()
    del form.fields["code"]
    return mark_safe(render_to_string("form_fields.html", {"form": form}))  # noqa: S308


@require_http_methods(["GET", "POST"])
def public_survey(request: HttpRequest) -> HttpResponse:
    """The resident's survey on a phone: no account, one answer per one-time code."""
    if request.method == "GET":
        form = SurveyForm(initial={"code": request.GET.get("c", "")[:20]})
        for key in SURVEY_QUESTIONS:
            del form.fields[key]  # the blank questions come from the cache
        context = {"form": form, "questions": _blank_questions(get_language() or settings.LANGUAGE_CODE)}
        return render(request, "assess/public_survey.html", context)
    form = SurveyForm(request.POST)
    if not allowed(request):
        return render(request, "assess/public_survey.html", {"form": form, "error": RATE_MESSAGE}, status=429)
    if form.is_valid():
        done = run_action(
            request,
            survey.do_answer_survey,
            form.cleaned_data["code"],
            actor=None,
            answers=form.answers(),
            address=client_ip(request),
            form=form,
        )
        if done:
            return render(request, "assess/public_survey.html", {"done": True})
    return render(request, "assess/public_survey.html", {"form": form})
