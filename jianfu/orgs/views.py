"""Pages for signing in, the org tree and user management."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jianfu.core.exports import table_response, wants_xlsx
from jianfu.core.net import client_ip
from jianfu.core.pages import run_action
from jianfu.core.typing import AuthedRequest

from . import actions, login_guard, selectors, sso
from .choices import ROLE_SHORT, OrgKind, Role
from .forms import LoginForm, PasswordChangeForm, UserForm
from .passwords import is_demo_password
from .permissions import is_sysadmin
from .scoping import visible_orgs
from .security import has_otp_device, must_change_password, otp_required

LOGIN_FAILED = "用户名或密码错误。"


def _locked_message() -> str:
    minutes = max(1, settings.LOGIN_LOCKOUT_SECONDS // 60)
    return _("登录失败次数过多，请 {minutes} 分钟后再试，或联系安全管理员解锁。").format(minutes=minutes)


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    if not settings.PASSWORD_LOGIN:
        return _sso_only_login(request)
    form = LoginForm(request.POST or None)
    error = sso.pop_refusal(request)
    if request.method == "POST" and form.is_valid():
        username, password = form.cleaned_data["username"], form.cleaned_data["password"]
        ip = client_ip(request)
        # The attempt is counted before the password is checked (atomically), so parallel
        # guesses never get more checks than the limit.
        if not login_guard.reserve(username, ip):
            error = _locked_message()
            actions.do_record_login_failure(username, ip, locked=True)
        else:
            user = authenticate(request, username=username, password=password)
            if user is None:
                actions.do_record_login_failure(username, ip, locked=False)
                error = LOGIN_FAILED
            elif is_demo_password(password) and not settings.DEMO_MODE:
                error = "演示密码仅可在演示模式下使用，请联系系统管理员重置密码。"
            elif user.org is not None and not user.org.is_active:
                error = LOGIN_FAILED
            else:
                login_guard.succeeded(username, ip)
                login(request, user)
                actions.do_record_login(user)
                if otp_required(user):
                    return redirect("otp_verify" if has_otp_device(user) else "otp_setup")
                if must_change_password(user):
                    messages.warning(request, _("请先修改初始密码。"))
                    return redirect("password_change")
                target = request.GET.get("next", "")
                if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
                    return redirect(target)
                return redirect("home")
    context = {"form": form, "error": error, **_sso_context()}
    return render(request, "orgs/login.html", context, status=200 if not error else 401)


def _sso_context() -> dict[str, Any]:
    return {"sso_oidc": sso.enabled("oidc"), "sso_cas": sso.enabled("cas"), "sso_label": settings.SSO_LABEL}


def _sso_only_login(request: HttpRequest) -> HttpResponse:
    """JIANFU_PASSWORD_LOGIN=0: no password form, and a posted password is refused unchecked."""
    error = sso.pop_refusal(request)
    status = 200
    if request.method == "POST":
        username = str(request.POST.get("username", ""))[:150]
        actions.do_record_login_failure(username, client_ip(request), locked=False, reason="password_login_off")
        error, status = _("本平台已关闭密码登录，请使用统一身份认证登录。"), 403
    context = {"form": None, "error": error, **_sso_context()}
    return render(request, "orgs/login.html", context, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        actions.do_record_logout(request.user)
    logout(request)
    return redirect("login")


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: AuthedRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if run_action(
            request,
            actions.do_change_own_password,
            request.user,
            old_password=form.cleaned_data["old_password"],
            new_password=form.cleaned_data["new_password"],
            form=form,
        ):
            update_session_auth_hash(request, request.user)
            messages.success(request, _("密码已修改。"))
            return redirect("home")
    return render(request, "orgs/password_change.html", {"form": form})


@login_required
def org_tree(request: HttpRequest) -> HttpResponse:
    tree = selectors.org_tree(request.user)
    return render(
        request,
        "orgs/tree.html",
        {"tree": tree, "counts": selectors.counts_by_kind(request.user), "kinds": OrgKind},
    )


@login_required
def org_detail(request: HttpRequest, code: str) -> HttpResponse:
    org = selectors.get_org(request.user, code)
    children = selectors.org_children(request.user, org)
    users = selectors.users_for_admin(request.user, org_code=org.code) if is_sysadmin(request.user) else None
    return render(request, "orgs/detail.html", {"org": org, "children": children, "users": users})


def _require_sysadmin(request: HttpRequest) -> None:
    if not is_sysadmin(request.user):
        raise PermissionDenied(_("仅系统管理员可管理用户。"))


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    _require_sysadmin(request)
    filters = {k: request.GET.get(k, "").strip() for k in ("q", "org_code", "role", "active")}
    users = selectors.users_for_admin(request.user, **filters)
    if wants_xlsx(request):  # no phone numbers or passwords: who holds which role where
        return table_response(
            _("用户"),
            [_("用户名"), _("姓名"), _("单位"), _("角色"), _("启用"), _("下次登录须修改密码"), _("最近登录")],
            users.select_related("org"),
            lambda u: [u.username, u.full_name, u.org.name if u.org else "", u.get_role_display(),
                       _("是") if u.is_active else _("否"), _("是") if u.must_change_password else _("否"),
                       u.last_login],
        )  # fmt: skip
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "orgs/user_list.html",
        {"page": page, "filters": filters, "roles": Role.choices, "role_short": ROLE_SHORT},
    )


def _assignable_orgs(request: HttpRequest) -> Any:
    return visible_orgs(request.user).filter(is_active=True).select_related("parent").order_by("code")


@login_required
@require_http_methods(["GET", "POST"])
def user_create(request: HttpRequest) -> HttpResponse:
    _require_sysadmin(request)
    form = UserForm(request.POST or None, orgs=_assignable_orgs(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            request,
            actions.do_create_user,
            actor=request.user,
            username=data["username"],
            full_name=data["full_name"],
            org=data["org"],
            role=data["role"],
            password=data["password"],
            phone=data["phone"],
            form=form,
        )
        if done:
            user = done.value
            messages.success(request, _("已创建用户 {username}。").format(username=user.username))
            return redirect("user_edit", pk=user.pk)
    return render(request, "orgs/user_form.html", {"form": form, "creating": True})


def _managed_user(request: HttpRequest, pk: int) -> Any:
    _require_sysadmin(request)
    return selectors.get_user_for_admin(request.user, pk)


@login_required
@require_http_methods(["GET", "POST"])
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    target = _managed_user(request, pk)
    initial = {
        "username": target.username,
        "full_name": target.full_name,
        "phone": target.phone_masked,  # a masked number posted back unchanged keeps the stored one
        "org": target.org,
        "role": target.role,
    }
    form = UserForm(request.POST or None, initial=initial, orgs=_assignable_orgs(request), editing=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_action(
            request,
            actions.do_update_user,
            target,
            actor=request.user,
            full_name=data["full_name"],
            phone=data["phone"],
            org=data["org"],
            role=data["role"],
            form=form,
        ):
            messages.success(request, _("已保存。"))
            return redirect("user_edit", pk=target.pk)
    identities = selectors.identities_of(request.user, target)
    context = {"form": form, "target": target, "creating": False, "identities": identities}
    return render(request, "orgs/user_form.html", context)


@login_required
@require_POST
def user_identities(request: HttpRequest, pk: int) -> HttpResponse:
    """Link an identity of the province's 统一身份认证 to the account, or remove a link."""
    target = _managed_user(request, pk)
    remove = request.POST.get("remove", "")
    if remove:
        link = selectors.identities_of(request.user, target).filter(pk=int(remove) if remove.isdigit() else 0).first()
        if link is None:
            raise Http404(_("未找到该关联。"))
        if run_action(request, sso.do_unlink_identity, link, actor=request.user):
            messages.success(request, _("已解除关联。"))
    else:
        provider, subject = request.POST.get("provider", ""), request.POST.get("subject", "")
        if run_action(request, sso.do_link_identity, target, actor=request.user, provider=provider, subject=subject):
            messages.success(request, _("已添加统一身份认证关联。"))
    return redirect("user_edit", pk=target.pk)


@login_required
@require_POST
def user_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    target = _managed_user(request, pk)
    active = request.POST.get("active") == "1"
    reason = request.POST.get("reason", "")
    if run_action(request, actions.do_set_user_active, target, actor=request.user, active=active, reason=reason):
        messages.success(
            request, _("已{v}账号 {username}。").format(v="启用" if active else "停用", username=target.username)
        )
    return redirect("user_edit", pk=target.pk)


@login_required
@require_POST
def user_reset_password(request: HttpRequest, pk: int) -> HttpResponse:
    target = _managed_user(request, pk)
    temporary = actions.do_reset_password(target, actor=request.user)  # NotAllowed is the 403 page
    messages.success(
        request,
        _("已重置 {username} 的密码。临时密码：{temporary}（仅显示一次，用户登录后须修改）").format(
            username=target.username, temporary=temporary
        ),
    )
    return redirect("user_edit", pk=target.pk)


@login_required
@require_http_methods(["GET", "POST"])
def my_tokens(request: AuthedRequest) -> HttpResponse:
    """Personal API tokens: create one (shown once) or revoke one."""
    new_token = ""
    if request.method == "POST":
        if "revoke" in request.POST:
            raw_id = request.POST["revoke"]
            token = selectors.tokens_of(request.user).filter(pk=int(raw_id)).first() if raw_id.isdigit() else None
            if token is None:
                raise Http404(_("未找到该令牌。"))
            actions.do_revoke_token(token, actor=request.user)
            messages.success(request, _("已吊销令牌 {prefix}…。").format(prefix=token.prefix))
            return redirect("my_tokens")
        issued = run_action(
            request, actions.do_issue_token, request.user, actor=request.user, name=request.POST.get("name", "")
        )
        new_token = issued.value or ""
    context = {"tokens": selectors.tokens_of(request.user), "new_token": new_token, "now": timezone.now()}
    return render(request, "orgs/tokens.html", context)
