"""Registry pages: the county's forms, registering one, its fields and matches, merging
look-alikes, the department's layout and demands, the county's duplicates and numbers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jianfu.admission.selectors import applications_for
from jianfu.catalog.choices import Category
from jianfu.catalog.selectors import current_items
from jianfu.core.errors import NotFound
from jianfu.core.exports import table_response, wants_xlsx
from jianfu.core.files import protected_download
from jianfu.core.pages import run_action
from jianfu.core.typing import AuthedRequest
from jianfu.orgs import tree
from jianfu.orgs.models import Org

from . import actions, duplicates, matcher, numbers, selectors
from .choices import CAPPED_LEVELS, FormState
from .forms import DemandForm, LayoutForm, RegisterForm
from .models import FormDef, FormLayout
from .permissions import can_merge, can_register, is_owner


def _prefix(request: AuthedRequest) -> str:
    prefix = selectors.registry_prefix(request.user)
    if not prefix:
        raise NotFound(_("没有可查看的表格登记册。"))
    return prefix


@login_required
def form_list(request: AuthedRequest) -> HttpResponse:
    qs = selectors.forms_for(request.user).prefetch_related("fields")
    state = request.GET.get("state", "active")
    if state == "active":
        qs = qs.filter(selectors.active_q())
    elif state in FormState.values:
        qs = qs.filter(state=state)
    if wants_xlsx(request):
        return table_response(
            _("表格报备"),
            [_("报备号"), _("表格名称"), _("报备单位"), _("年度"), _("频次"), _("指标数"), _("依据层级"),
             _("法律政策依据"), _("状态")],
            qs.select_related("owner_org"),
            lambda f: [f.number, f.title, f.owner_org.name, f.year,
                       f"{f.get_frequency_unit_display()}{f.frequency_count}次", len(f.fields.all()),
                       f.get_basis_level_display(), f.basis, f.get_state_display()],
        )  # fmt: skip
    return render(request, "formsreg/list.html", {"forms": qs[:500], "state": state, "states": FormState.choices,
                                                  "can_register": can_register(request.user)})  # fmt: skip


def _register_form(request: AuthedRequest, data: Any = None) -> RegisterForm:
    user = request.user
    listed = current_items(user.org).exclude(category=Category.NEGATIVE) if user.org is not None else []
    items = [(i.code, f"{i.code} {i.title}") for i in listed]
    apps = [(str(a.pk), f"#{a.pk} {a.title}") for a in applications_for(user).filter(category=Category.FORM)[:100]]
    initial = {"year": timezone.localdate().year}
    return RegisterForm(data, items=items, applications=apps, initial=initial)


@login_required
@require_http_methods(["GET", "POST"])
def register(request: AuthedRequest) -> HttpResponse:
    if not can_register(request.user):
        raise PermissionDenied(_("只有部门或乡镇经办人可以报备表格。"))
    form = _register_form(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_action(request, actions.do_register_form, actor=request.user, data=dict(form.cleaned_data),
                          form=form)  # fmt: skip
        if done:
            messages.success(request, _("已报备：{t}").format(t=done.value.title))
            return redirect("formsreg:detail", pk=done.value.pk)
    return render(request, "formsreg/register.html", {"form": form})


@login_required
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    form = selectors.get_form(request.user, pk)
    prefix = actions.county_prefix(form.owner_org)
    fields = list(selectors.fields_of(form))
    others = selectors.county_fields(prefix, exclude_form=form)
    index = matcher.FieldIndex(
        (matcher.FieldSpec(f.name, f.unit, f.definition, f) for f in others), matcher.lexicon_for(prefix)
    )
    rows = [(f, index.match(matcher.FieldSpec(f.name, f.unit, f.definition, f), limit=3)) for f in fields]
    owner = is_owner(request.user, form)
    townships = [(o.code, o.name) for o in Org.objects.filter(parent__code=prefix, kind="township").order_by("code")]
    return render(request, "formsreg/detail.html", {
        "f": form, "rows": rows, "state": selectors.effective_state(form), "owner": owner,
        "layout": FormLayout.objects.filter(form=form).first(), "layout_form": LayoutForm(),
        "demand_form": DemandForm(townships=townships) if owner else None,
        "merged": form.merged.all(),
    })  # fmt: skip


@login_required
@require_POST
def reuse(request: AuthedRequest, pk: int) -> HttpResponse:
    form = selectors.get_form(request.user, pk)
    field = (
        form.fields.filter(pk=request.POST.get("field") or 0).first()
        if str(request.POST.get("field")).isdigit()
        else None
    )
    if field is None:
        raise NotFound(_("未找到该指标。"))
    target_id = request.POST.get("reuse_of", "")
    target = None
    if target_id:
        target = selectors.county_fields(actions.county_prefix(form.owner_org)).filter(pk=target_id).first() \
            if target_id.isdigit() else None  # fmt: skip
        if target is None:
            raise NotFound(_("未找到要复用的指标。"))
    if run_action(request, actions.do_choose_reuse, field, actor=request.user, reuse_of=target):
        messages.success(request, _("已保存“{n}”的复用选择。").format(n=field.name))
    return redirect("formsreg:detail", pk=form.pk)


@login_required
@require_POST
def upload_layout(request: AuthedRequest, pk: int) -> HttpResponse:
    form = selectors.get_form(request.user, pk)
    if run_action(request, actions.do_upload_layout, form, actor=request.user, upload=request.FILES.get("layout")):
        messages.success(request, _("表样已上传。"))
    return redirect("formsreg:detail", pk=form.pk)


def _layout_of(user: Any, pk: Any) -> FormLayout:
    form = selectors.get_form(user, pk)
    layout = FormLayout.objects.filter(form=form).first()
    if layout is None:
        raise NotFound(_("该表格没有上传表样。"))
    return layout


download_layout = protected_download(_layout_of)


@login_required
@require_POST
def merge(request: AuthedRequest, pk: int) -> HttpResponse:
    keep = selectors.get_form(request.user, pk)
    if not can_merge(request.user, keep):
        raise PermissionDenied(_("只有本县民政/组织部门可以合并表格。"))
    drop = selectors.get_form(request.user, request.POST.get("drop", ""))
    if run_action(request, actions.do_merge_forms, keep, drop, actor=request.user):
        messages.success(request, _("已将“{a}”并入“{b}”。").format(a=drop.title, b=keep.title))
    return redirect("formsreg:duplicates")


@login_required
@require_POST
def demand(request: AuthedRequest, pk: int) -> HttpResponse:
    form = selectors.get_form(request.user, pk)
    if not is_owner(request.user, form):
        raise PermissionDenied(_("只有报备单位可以要求社区填报本表。"))
    township = Org.objects.filter(code=request.POST.get("township", ""), kind="township").first()
    if township is None or not tree.in_division(township, actions.county_prefix(form.owner_org)):
        raise NotFound(_("未找到该乡镇（街道）。"))
    done = run_action(request, actions.do_demand_form, form, actor=request.user, township=township,
                      due_date=request.POST.get("due_date", ""))  # fmt: skip
    if done:
        if done.value.breach:
            messages.warning(
                request, _("已通知社区；该要求属于“{b}”，已转监督。").format(b=done.value.get_breach_display())
            )
        else:
            messages.success(request, _("已通知{t}各社区填报。").format(t=township.name))
    return redirect("formsreg:detail", pk=form.pk)


@login_required
def duplicate_page(request: AuthedRequest) -> HttpResponse:
    report = duplicates.county_report(_prefix(request))
    return render(request, "formsreg/duplicates.html", {"r": report, "can_merge": can_merge(request.user, FormDef(
        region_code=_prefix(request)))})  # fmt: skip


@login_required
def numbers_page(request: AuthedRequest) -> HttpResponse:
    prefix = _prefix(request)
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year
    county = Org.objects.filter(code=prefix).first()
    caps = actions.caps_of(prefix)
    return render(request, "formsreg/numbers.html", {
        "n": numbers.numbers(prefix, year), "year": year, "caps": [(lvl, caps[lvl]) for lvl in CAPPED_LEVELS],
        "can_set_caps": county is not None and can_merge(request.user, FormDef(region_code=prefix)),
    })  # fmt: skip


@login_required
@require_POST
def set_cap(request: AuthedRequest) -> HttpResponse:
    county = Org.objects.filter(code=_prefix(request), kind="county").first()
    if county is None:
        raise NotFound(_("未找到该县（区）。"))
    if run_action(request, actions.do_set_cap, county, actor=request.user, level=request.POST.get("level", ""),
                  limit=request.POST.get("limit", "")):  # fmt: skip
        messages.success(request, _("限额已更新。"))
    return redirect("formsreg:numbers")
