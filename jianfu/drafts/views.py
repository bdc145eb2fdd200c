"""Draft review pages: the list, submitting, the report (document with flagged clauses), the
reviewer's decision, the department's moves, and reporting a document issued without review."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jianfu.core.exports import table_response, wants_xlsx
from jianfu.core.files import protected_download
from jianfu.core.pages import run_action
from jianfu.core.typing import AuthedRequest
from jianfu.orgs import tree
from jianfu.orgs.choices import OrgKind

from . import actions, exports, selectors
from .choices import STATE_TONE, VERDICT_TONE, DraftState
from .forms import FoundForm, IssueForm, ReasonForm, ResubmitForm, ReviewForm, SubmitForm
from .permissions import can_draft, can_report, is_drafter, is_reviewer
from .transitions import DRAFT


@login_required
def draft_list(request: AuthedRequest) -> HttpResponse:
    user, state = request.user, request.GET.get("state", "")
    qs = selectors.to_review_for(user) if state == "mine" else selectors.drafts_for(user)
    if state in DraftState.values:
        qs = qs.filter(state=state)
    if wants_xlsx(request):
        return table_response(
            _("发文审核"),
            [_("文件标题"), _("起草单位"), _("拟印发日期"), _("状态"), _("条款数"), _("涉社区负担条款数"),
             _("预计负担（分钟/年）"), _("涉及社区数"), _("印发日期")],
            qs.select_related("org"),
            lambda d: [d.title, d.org.name, d.issue_date, d.get_state_display(), d.clause_count, d.flagged_count,
                       d.total_minutes, d.communities, d.issued_on],
        )  # fmt: skip
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    context = {
        "page": page, "state": state, "states": DraftState.choices, "tone": STATE_TONE,
        "can_draft": can_draft(user), "can_report": can_report(user),
    }  # fmt: skip
    return render(request, "drafts/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def submit(request: AuthedRequest) -> HttpResponse:
    if not can_draft(request.user):
        raise PermissionDenied(_("只有部门或乡镇经办人可以提交发文审核。"))
    form = SubmitForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "file": request.FILES.get("file")}
        done = run_action(request, actions.do_submit_draft, actor=request.user, data=data, form=form)
        if done:
            messages.success(request, _("已提交审核。") + actions._summary(done.value))
            return redirect("drafts_detail", pk=done.value.pk)
    return render(request, "drafts/form.html", {"form": form, "heading": _("提交发文审核")})


@login_required
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    draft = selectors.get_draft(user, pk)
    clauses = list(selectors.clauses_of(draft))
    choices = [(str(c.pk), f"{n}. {c.text[:60]}") for n, c in enumerate(clauses, start=1)]
    review = None
    if draft.state == DraftState.SUBMITTED and is_reviewer(user, draft):
        review = ReviewForm(clauses=choices, initial={"dismissed": [str(c.pk) for c in clauses if c.dismissed]})
    context = {
        "d": draft, "clauses": clauses, "pieces": exports.pieces(draft, clauses),
        "opinions": list(selectors.opinions_of(draft)), "files": list(draft.files.all()),
        "tone": STATE_TONE, "vtone": VERDICT_TONE, "review": review,
        "moves": {e.action for e in DRAFT.available(draft, user)},
        "issue_form": IssueForm(), "reason_form": ReasonForm(), "is_drafter": is_drafter(user, draft),
    }  # fmt: skip
    return render(request, "drafts/detail.html", context)


@login_required
@require_POST
def review(request: AuthedRequest, pk: int) -> HttpResponse:
    draft = selectors.get_draft(request.user, pk)
    choices = [(str(c.pk), str(c.pk)) for c in selectors.clauses_of(draft)]
    form = ReviewForm(request.POST, clauses=choices)
    if not form.is_valid():
        messages.error(request, _("请选择审核结论。"))
        return redirect("drafts_detail", pk=draft.pk)
    done = run_action(request, actions.do_review_draft, draft, actor=request.user, **form.cleaned_data)
    if done:
        messages.success(request, _("已出具审核意见书 %(n)s。") % {"n": done.value.number_label})
    return redirect("drafts_detail", pk=draft.pk)


@login_required
@require_POST
def act(request: AuthedRequest, pk: int, op: str) -> HttpResponse:
    draft, user, post = selectors.get_draft(request.user, pk), request.user, request.POST
    if op == "issue":
        form = IssueForm(post)
        data = form.cleaned_data if form.is_valid() else {}
        if run_action(request, actions.do_issue_draft, draft, actor=user, **data):
            messages.success(request, _("已登记印发。"))
    elif op == "withdraw":
        if run_action(request, actions.do_withdraw_draft, draft, actor=user, reason=post.get("reason", "")):
            messages.success(request, _("已撤回。"))
    elif op == "report":
        if run_action(request, actions.do_report_unreviewed, draft, actor=user, reason=post.get("reason", "")):
            messages.success(request, _("已报告未经审核印发，并转监督督办。"))
    else:
        raise Http404(_("未知的操作。"))
    return redirect("drafts_detail", pk=draft.pk)


@login_required
@require_http_methods(["GET", "POST"])
def resubmit(request: AuthedRequest, pk: int) -> HttpResponse:
    draft = selectors.get_draft(request.user, pk)
    if not is_drafter(request.user, draft):
        raise PermissionDenied(_("只有起草单位可以重新提交。"))
    form = ResubmitForm(request.POST or None, request.FILES or None, initial={"title": draft.title})
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "file": request.FILES.get("file")}
        done = run_action(request, actions.do_resubmit_draft, draft, actor=request.user, data=data, form=form)
        if done:
            messages.success(request, _("已重新提交审核。") + actions._summary(done.value))
            return redirect("drafts_detail", pk=draft.pk)
    return render(request, "drafts/form.html", {"form": form, "heading": _("修改后重新提交"), "d": draft})


@login_required
@require_http_methods(["GET", "POST"])
def report_found(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if not can_report(user) or user.org is None:
        raise PermissionDenied(_("只有本县民政局、组织部可以报告未经审核印发的文件。"))
    county = tree.county_of(user.org)
    orgs = [(o.code, o.name) for o in tree.departments_of(county)] + [
        (o.code, o.name) for o in county.children.filter(is_active=True, kind=OrgKind.TOWNSHIP).order_by("code")
    ]
    form = FoundForm(request.POST or None, request.FILES or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "file": request.FILES.get("file")}
        done = run_action(request, actions.do_report_issued_document, actor=user, data=data, form=form)
        if done:
            messages.success(request, _("已登记并转监督督办。"))
            return redirect("drafts_detail", pk=done.value.pk)
    return render(request, "drafts/form.html", {"form": form, "heading": _("报告未经审核印发的文件")})


@login_required
def findings_xlsx(request: AuthedRequest, pk: int) -> HttpResponse:
    draft = selectors.get_draft(request.user, pk)
    return exports.findings_xlsx(draft, list(selectors.clauses_of(draft)))


@login_required
def opinion_pdf(request: AuthedRequest, pk: int, opinion_pk: int) -> HttpResponse:
    return exports.opinion_pdf(selectors.get_opinion(request.user, pk, opinion_pk))


download = protected_download(selectors.get_file)
