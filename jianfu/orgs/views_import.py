"""The system administrator's bulk import of communities and accounts (orgs.imports)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from jianfu.core.errors import ActionError
from jianfu.core.pages import run_action
from jianfu.core.xlsx import xlsx_response

from . import imports
from .permissions import is_sysadmin


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Excel 文件（.xlsx）"))


@login_required
@require_http_methods(["GET", "POST"])
def import_orgs_and_accounts(request: HttpRequest) -> HttpResponse:
    """Upload the filled-in template; on success the answer is the workbook of one-time passwords."""
    if not is_sysadmin(request.user):
        raise PermissionDenied(_("只有系统管理员可以批量导入社区和账号。"))
    if request.GET.get("template"):
        return xlsx_response(imports.template_workbook(request.user), "社区和账号导入模板.xlsx")
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():

        def show(exc: ActionError) -> None:
            errors.extend(exc.errors)
            if not errors:
                form.add_error("file", exc.message)
            else:
                messages.error(request, exc.message)

        done = run_action(
            request, imports.do_import_orgs_and_accounts, actor=request.user, upload=form.cleaned_data["file"],
            on_error=show,
        )  # fmt: skip
        if done:
            return xlsx_response(imports.result_workbook(done.value), "导入结果-初始密码.xlsx")
    return render(request, "orgs/import.html", {"form": form, "errors": errors})
