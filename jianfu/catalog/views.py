"""Pages of the lists: the jurisdiction's versions and draft (internal), and public pages."""

from __future__ import annotations

import io
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jianfu.core.errors import ActionError, NotFound
from jianfu.core.pages import run_action
from jianfu.core.pdf import PdfUnavailable, pdf_response
from jianfu.core.xlsx import xlsx_response
from jianfu.orgs.models import Org

from . import actions, exports, selectors
from .choices import Category
from .forms import ImportForm, ItemForm, PublishForm
from .models import ListVersion
from .permissions import can_edit_lists
from .reduction import Reduction

PAGE_SIZE = 50


def _owner(request: HttpRequest) -> Org:
    owner = selectors.owner_for_user(request.user)
    if owner is None:
        raise Http404(_("您所在的组织没有对应的县级清单。"))
    return owner


def _require_editor(request: HttpRequest, owner: Org) -> None:
    # Editing pages of the lists do not exist for anybody but the jurisdiction's list owners.
    if not can_edit_lists(request.user, owner):
        raise Http404(_("未找到该页面。"))


def _filters(request: HttpRequest) -> dict[str, str]:
    category = request.GET.get("category", "")
    return {
        "q": request.GET.get("q", "").strip()[:100],
        "category": category if category in Category.values else "",
        "department": request.GET.get("department", "").strip()[:32],
    }


def _items_page(request: HttpRequest, version: ListVersion, *, show_all: bool = False) -> dict[str, Any]:
    filters = _filters(request)
    items = selectors.search_items(selectors.items_of(version), **filters)
    per_page = 10_000 if show_all else PAGE_SIZE
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    return {
        "page": page,
        "filters": filters,
        "categories": Category.choices,
        "departments": selectors.departments_in(version),
        "filtered": any(filters.values()),
        "today": timezone.localdate(),
    }


# --- Internal pages -----------------------------------------------------------------------------


@login_required
def lists_index(request: HttpRequest) -> HttpResponse:
    owner = _owner(request)
    versions = list(selectors.visible_versions(request.user, owner))
    published = [v for v in versions if v.is_published]
    current = published[0] if published else None
    editor = can_edit_lists(request.user, owner)
    ctx: dict[str, Any] = {
        "owner": owner,
        "versions": versions,
        "current": current,
        "draft": next((v for v in versions if not v.is_published), None) if editor else None,
        "editor": editor,
        "totals": selectors.totals_of(current) if current else None,
        "review": selectors.review_status(owner),
        "reduction": selectors.reduction(published[-1], published[0]) if len(published) > 1 else None,
        "first": published[-1] if len(published) > 1 else None,
        "public_url": f"/public/lists/{owner.region_code}/",
    }
    return render(request, "catalog/index.html", ctx)


@login_required
def version_detail(request: HttpRequest, number: int) -> HttpResponse:
    owner = _owner(request)
    version = selectors.get_version(request.user, owner, number)
    ctx = {"owner": owner, "version": version, "totals": selectors.totals_of(version), **_items_page(request, version)}
    return render(request, "catalog/version.html", ctx)


@login_required
def draft_detail(request: HttpRequest) -> HttpResponse:
    owner = _owner(request)
    _require_editor(request, owner)
    try:
        draft = selectors.get_draft(request.user, owner)
    except NotFound:
        return redirect("catalog:index")
    ctx = {
        "owner": owner,
        "version": draft,
        "is_draft": True,
        "totals": selectors.totals_of(draft),
        "changes": selectors.diff_versions(draft.based_on, draft) if draft.based_on is not None else None,
        **_items_page(request, draft),
    }
    return render(request, "catalog/version.html", ctx)


@login_required
@require_POST
def draft_open(request: HttpRequest) -> HttpResponse:
    owner = _owner(request)
    _require_editor(request, owner)
    actions.do_open_draft(owner, actor=request.user)
    messages.success(request, _("草稿已就绪：在草稿中修改后发布为新版本。"))
    return redirect("catalog:draft")


@login_required
@require_POST
def draft_discard(request: HttpRequest) -> HttpResponse:
    owner = _owner(request)
    _require_editor(request, owner)
    if not run_action(request, actions.do_discard_draft, selectors.get_draft(request.user, owner), actor=request.user):
        return redirect("catalog:draft")
    messages.success(request, _("草稿已放弃，已发布的版本不受影响。"))
    return redirect("catalog:index")


@login_required
@require_http_methods(["GET", "POST"])
def item_new(request: HttpRequest) -> HttpResponse:
    owner = _owner(request)
    _require_editor(request, owner)
    form = ItemForm(request.POST or None, owner=owner)
    if request.method == "POST" and form.is_valid():
        done = run_action(request, actions.do_add_item, owner, actor=request.user, data=form.cleaned_data, form=form)
        if done:
            item = done.value
            messages.success(request, _("已添加事项：{code} {title}").format(code=item.code, title=item.title))
            return redirect("catalog:draft")
    return render(request, "catalog/item_form.html", {"form": form, "owner": owner, "item": None})


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    owner = _owner(request)
    _require_editor(request, owner)
    item = selectors.get_draft_item(request.user, owner, pk)
    form = ItemForm(request.POST or None, owner=owner, initial=ItemForm.initial_for(item))
    if request.method == "POST" and form.is_valid():
        if run_action(request, actions.do_update_item, item, actor=request.user, data=form.cleaned_data, form=form):
            messages.success(request, _("已保存事项：{code} {title}").format(code=item.code, title=item.title))
            return redirect("catalog:draft")
    return render(request, "catalog/item_form.html", {"form": form, "owner": owner, "item": item})


@login_required
@require_POST
def item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    owner = _owner(request)
    _require_editor(request, owner)
    item = selectors.get_draft_item(request.user, owner, pk)
    if run_action(request, actions.do_delete_item, item, actor=request.user):
        messages.success(request, _("已从草稿中删除：{code} {title}").format(code=item.code, title=item.title))
    return redirect("catalog:draft")


@login_required
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest) -> HttpResponse:
    owner = _owner(request)
    _require_editor(request, owner)
    try:
        draft = selectors.get_draft(request.user, owner)
    except NotFound:
        messages.warning(request, _("当前没有草稿可发布。"))
        return redirect("catalog:index")
    form = PublishForm(request.POST or None, initial={"title": draft.title, "note": ""})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            request,
            actions.do_publish_version,
            draft,
            actor=request.user,
            effective_date=data["effective_date"],
            note=data["note"],
            title=data["title"],
            full_review=data["full_review"],
            form=form,
        )
        if done:
            version = done.value
            messages.success(
                request,
                _("已发布第 {number} 版，自 {effective_date:%Y-%m-%d} 起生效。").format(
                    number=version.number, effective_date=version.effective_date
                ),
            )
            return redirect("catalog:version", number=version.number)
    ctx = {
        "form": form,
        "owner": owner,
        "draft": draft,
        "totals": selectors.totals_of(draft),
        "changes": selectors.diff_versions(draft.based_on, draft) if draft.based_on is not None else None,
    }
    return render(request, "catalog/publish.html", ctx)


def _version_by_param(request: HttpRequest, owner: Org, value: str | None) -> ListVersion | None:
    if value == "draft":
        return selectors.draft_version(owner) if can_edit_lists(request.user, owner) else None
    if value and value.isdigit() and len(value) < 8:
        try:
            return selectors.get_version(request.user, owner, int(value))
        except NotFound:
            return None
    return None


@login_required
def diff(request: HttpRequest) -> HttpResponse:
    owner = _owner(request)
    versions = list(selectors.visible_versions(request.user, owner))
    published = [v for v in versions if v.is_published]
    old = _version_by_param(request, owner, request.GET.get("from"))
    new = _version_by_param(request, owner, request.GET.get("to"))
    if old is None and new is None and len(published) >= 2:
        old, new = published[1], published[0]
    if ("from" in request.GET or "to" in request.GET) and (old is None or new is None):
        messages.warning(request, _("请选择两个存在的版本进行比较。"))
    result: selectors.Diff | None = None
    red: Reduction | None = None
    if old is not None and new is not None:
        result = selectors.diff_versions(old, new)
        red = selectors.reduction(old, new)
    return render(
        request,
        "catalog/diff.html",
        {"owner": owner, "versions": versions, "old": old, "new": new, "diff": result, "reduction": red},
    )


_PENDING_KEY = "catalog_pending_import"


def _stash(request: HttpRequest, owner: Org, upload: Any) -> str:
    """Keep an uploaded workbook until its owner confirms the duplicates it holds (one per session)."""
    token = secrets.token_urlsafe(16)
    folder = Path(settings.DATA_DIR) / "pending-imports"
    folder.mkdir(parents=True, exist_ok=True)
    upload.seek(0)
    (folder / f"{token}.xlsx").write_bytes(upload.read())
    _drop_stash(request)
    request.session[_PENDING_KEY] = {"token": token, "owner": owner.pk}
    return token


def _unstash(request: HttpRequest, owner: Org, token: str) -> io.BytesIO | None:
    pending = request.session.get(_PENDING_KEY) or {}
    if not token or pending.get("token") != token or pending.get("owner") != owner.pk:
        return None
    path = Path(settings.DATA_DIR) / "pending-imports" / f"{token}.xlsx"
    if not path.exists():
        return None
    data = io.BytesIO(path.read_bytes())
    data.name = "import.xlsx"
    return data


def _drop_stash(request: HttpRequest) -> None:
    pending = request.session.pop(_PENDING_KEY, None) or {}
    token = str(pending.get("token") or "")
    if token.replace("-", "").replace("_", "").isalnum():
        (Path(settings.DATA_DIR) / "pending-imports" / f"{token}.xlsx").unlink(missing_ok=True)


@login_required
@require_http_methods(["GET", "POST"])
def import_items(request: HttpRequest) -> HttpResponse:
    """Upload, check, and (when rows look duplicated) confirm before the draft is replaced."""
    owner = _owner(request)
    _require_editor(request, owner)
    token = request.POST.get("pending", "") if request.method == "POST" else ""
    form = ImportForm(None if token else (request.POST or None), request.FILES or None)
    errors: list[dict[str, Any]] = []
    duplicates: list[dict[str, Any]] = []
    pending = ""
    upload: Any = None
    if token:
        upload = _unstash(request, owner, token)
        if upload is None:
            messages.warning(request, _("待确认的导入已失效，请重新上传。"))
            return redirect("catalog:import")
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]

    def show(exc: ActionError) -> None:
        if isinstance(exc, actions.DuplicateRows):
            duplicates.extend(exc.errors)
        else:
            form.add_error(None, exc.message)
            errors.extend(exc.errors)

    if upload is not None:
        done = run_action(
            request, actions.do_import_items, owner, actor=request.user, upload=upload,
            confirm_duplicates=bool(token), on_error=show,
        )  # fmt: skip
        if done:
            _drop_stash(request)
            messages.success(
                request, _("导入成功：草稿现有 {count} 项。请核对后发布。").format(count=done.value.items.count())
            )
            return redirect("catalog:draft")
        if duplicates:
            pending = _stash(request, owner, upload)
    return render(
        request,
        "catalog/import.html",
        {
            "form": form,
            "owner": owner,
            "errors": errors,
            "duplicates": duplicates,
            "pending": pending,
            "draft": selectors.draft_version(owner),
        },
        status=400 if errors or form.errors else 200,
    )


@login_required
def template_xlsx(request: HttpRequest) -> HttpResponse:
    owner = _owner(request)
    return xlsx_response(exports.template_workbook(owner), f"{owner.name}社区工作事项清单导入模板.xlsx")


def _export_version(request: HttpRequest, number: str) -> tuple[Org, ListVersion]:
    owner = _owner(request)
    version = _version_by_param(request, owner, number)
    if version is None:
        raise Http404(_("未找到该版本。"))
    return owner, version


def _export_name(owner: Org, version: ListVersion, ext: str) -> str:
    label = f"第{version.number}版" if version.number else "草稿"
    return f"{owner.name}社区工作事项清单（{label}）.{ext}"


@login_required
def export_xlsx(request: HttpRequest, number: str) -> HttpResponse:
    owner, version = _export_version(request, number)
    return xlsx_response(exports.version_workbook(version), _export_name(owner, version, "xlsx"))


@login_required
def export_pdf(request: HttpRequest, number: str) -> HttpResponse:
    owner, version = _export_version(request, number)
    try:
        data = exports.version_pdf(version)
    except PdfUnavailable as exc:
        messages.error(request, str(exc))
        return redirect("catalog:index")
    return pdf_response(data, _export_name(owner, version, "pdf"))


# --- Public pages (no login): only published versions -------------------------------------------


def _public_owner(region_code: str) -> Org:
    return selectors.public_owner(region_code)


def _public_page(request: HttpRequest, owner: Org, version: ListVersion | None, *, archived: bool) -> HttpResponse:
    ctx: dict[str, Any] = {
        "owner": owner,
        "version": version,
        "archived": archived,
        "versions": list(selectors.published_versions(owner)),
        "print_all": request.GET.get("all") == "1",
    }
    if version is not None:
        ctx.update(_items_page(request, version, show_all=ctx["print_all"]))
        ctx["totals"] = selectors.totals_of(version)
        ctx["query_string"] = urlencode({k: v for k, v in ctx["filters"].items() if v})
    return render(request, "catalog/public.html", ctx)


def public_index(request: HttpRequest) -> HttpResponse:
    """Which jurisdictions publish their lists here (no login): the way in for residents."""
    return render(request, "catalog/public_index.html", {"owners": selectors.public_jurisdictions()})


def public_lists(request: HttpRequest, region_code: str) -> HttpResponse:
    owner = _public_owner(region_code)
    return _public_page(request, owner, selectors.current_version(owner), archived=False)


def public_version(request: HttpRequest, region_code: str, number: int) -> HttpResponse:
    owner = _public_owner(region_code)
    version = selectors.get_public_version(owner, number)
    current = selectors.current_version(owner)
    return _public_page(request, owner, version, archived=current is not None and current.pk != version.pk)


def public_item(request: HttpRequest, region_code: str, code: str) -> HttpResponse:
    owner = _public_owner(region_code)
    item = selectors.public_item(owner, code)
    current = selectors.current_version(owner)
    communities = selectors.communities_counts(owner)
    ctx = {
        "owner": owner,
        "item": item,
        "in_current": current is not None and item.version_id == current.pk,
        "current": current,
        "jurisdiction_hours": item.hours_per_community * communities[item.applies_to],
        "communities": communities[item.applies_to],
    }
    return render(request, "catalog/public_item.html", ctx)
