"""The security administrator's pages (安全管理员): accounts' sign-in locks and second factors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from jianfu.core.pages import run_action

from . import security, selectors
from .actions import do_reset_password
from .models import LoginAttempt
from .permissions import GUARDED_ROLES, can_manage_account_security


def _require_secadmin(request: HttpRequest) -> None:
    if not can_manage_account_security(request.user):
        raise PermissionDenied(_("仅安全管理员可管理账号安全。"))


@login_required
@require_GET
def account_security(request: HttpRequest) -> HttpResponse:
    _require_secadmin(request)
    q = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.users_for_security(request.user, q=q), 50).get_page(request.GET.get("page"))
    users = list(page.object_list)
    names = [u.username.lower() for u in users]
    locked = {
        a.username.lower()
        for a in LoginAttempt.objects.filter(kind="user-ip", locked_until__gt=timezone.now()).order_by("pk")
        if a.username.lower() in names
    }
    enrolled = set(
        TOTPDevice.objects.filter(user__in=users, confirmed=True).order_by("pk").values_list("user_id", flat=True)
    )
    rows = [
        {"user": u, "locked": u.username.lower() in locked, "otp": u.pk in enrolled, "guarded": u.role in GUARDED_ROLES}
        for u in users
    ]
    return render(request, "orgs/account_security.html", {"page": page, "rows": rows, "q": q})


@login_required
@require_POST
def account_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    _require_secadmin(request)
    target = selectors.get_user_for_security(request.user, pk)
    done = run_action(request, security.do_unlock_account, target, actor=request.user)
    if done:
        messages.success(request, _("已解除 {username} 的登录锁定。").format(username=target.username))
    return redirect("account_security")


@login_required
@require_POST
def account_otp_reset(request: HttpRequest, pk: int) -> HttpResponse:
    _require_secadmin(request)
    target = selectors.get_user_for_security(request.user, pk)
    reason = request.POST.get("reason", "")[:200]
    done = run_action(request, security.do_reset_otp, target, actor=request.user, reason=reason)
    if done:
        messages.success(
            request, _("已重置 {username} 的双因素认证，该用户下次登录时重新绑定。").format(username=target.username)
        )
    return redirect("account_security")


@login_required
@require_POST
def account_reset_password(request: HttpRequest, pk: int) -> HttpResponse:
    """The 安全管理员 resets an auditor's or another security administrator's password (三员分立)."""
    _require_secadmin(request)
    target = selectors.get_user_for_security(request.user, pk)
    if target.role not in GUARDED_ROLES:
        raise PermissionDenied(_("其他账号的密码由系统管理员重置。"))
    done = run_action(request, do_reset_password, target, actor=request.user)
    if done:
        messages.success(
            request,
            _("已重置 {username} 的密码。临时密码：{temporary}（仅显示一次，用户登录后须修改）").format(
                username=target.username, temporary=done.value
            ),
        )
    return redirect("account_security")
