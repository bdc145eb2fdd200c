"""The system administrator's page of service accounts (服务账号) and their scoped tokens."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from jianfu.core import scopes
from jianfu.core.pages import run_action

from . import actions, service_accounts
from .choices import Role
from .models import ApiToken
from .permissions import is_sysadmin
from .scoping import visible_orgs


def _date(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def service_account_list(request: HttpRequest) -> HttpResponse:
    """Create a service account, issue one of its tokens (shown once) or revoke one."""
    if not is_sysadmin(request.user):
        raise PermissionDenied(_("只有系统管理员可以管理服务账号。"))
    accounts = service_accounts.service_accounts_for(request.user)
    new_token = ""
    post = request.POST
    if request.method == "POST":
        op = post.get("op", "")
        if op == "create":
            org = visible_orgs(request.user).filter(code=post.get("org", "").strip()).first()
            if org is None:
                messages.error(request, _("请选择本辖区内的组织。"))
            else:
                done = run_action(request, service_accounts.do_create_service_account, actor=request.user,
                                  username=post.get("username", ""), name=post.get("name", ""), org=org,
                                  role=post.get("role", ""))  # fmt: skip
                if done.error is None:
                    messages.success(request, _("已创建服务账号 {name}。").format(name=done.value.username))
                    return redirect("service_accounts")
        elif op == "issue":
            account = accounts.filter(pk=int(post["account"])).first() if post.get("account", "").isdigit() else None
            if account is None:
                raise PermissionDenied(_("未找到该服务账号。"))
            issued = run_action(request, service_accounts.do_issue_service_token, account, actor=request.user,
                                requested=post.getlist("scopes"), expires_on=_date(post.get("expires_on", "")),
                                name=post.get("name", ""))  # fmt: skip
            new_token = issued.value or ""
        elif op == "revoke":
            raw_id = post.get("token", "")
            token = ApiToken.objects.filter(pk=int(raw_id), user__in=accounts).first() if raw_id.isdigit() else None
            if token is None:
                raise PermissionDenied(_("未找到该令牌。"))
            actions.do_revoke_token(token, actor=request.user)
            messages.success(request, _("已吊销令牌 {prefix}…。").format(prefix=token.prefix))
            return redirect("service_accounts")
    rows = [(a, list(a.api_tokens.order_by("-created_at"))) for a in accounts.order_by("username")]
    context = {
        "rows": rows,
        "new_token": new_token,
        "scopes": scopes.available(),
        "orgs": visible_orgs(request.user).filter(is_active=True).order_by("code")[:2000],
        "roles": [(v, label) for v, label in Role.choices if v not in (Role.SYSADMIN, Role.SECADMIN, Role.AUDITOR)],
        "now": timezone.now(),
        "default_expiry": timezone.localdate() + dt.timedelta(days=90),
    }
    return render(request, "orgs/service_accounts.html", context)
