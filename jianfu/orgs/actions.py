"""Writes to orgs, users and tokens. Each checks permission, changes state and audits itself."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core import audit
from jianfu.core.errors import ActionError, NotAllowed

from .choices import CHILD_KINDS, CODE_LENGTH, DIVISION_KINDS, DeptKind, OrgKind, Role
from .models import ApiToken, Org, User, hash_token
from .permissions import GUARDED_ROLES, can_manage_users_in, can_reset_password_of, is_sysadmin, role_fits_org

USER_FIELDS = ["username", "full_name", "phone", "org", "role", "is_active"]


def _user_snapshot(user: User) -> dict[str, Any]:
    """The account's fields for an audit entry; the telephone masked (the log is read widely)."""
    data = audit.snapshot(user, USER_FIELDS)
    data["phone"] = user.phone_masked
    return data


USERNAME_RE = re.compile(r"^[A-Za-z0-9_.@-]{3,40}$")


@transaction.atomic
def do_create_org(
    *,
    actor: Any,
    code: str,
    name: str,
    kind: str,
    parent: Org | None,
    dept_kind: str = "",
    is_generated: bool = False,
    staff_count: int | None = None,
    sort_order: int = 0,
) -> Org:
    """Add a division or a department to the tree.

    Only the platform (actor None: loaders run by an operator) or a system administrator whose
    jurisdiction holds the parent may add orgs. Division codes must follow GB/T 2260: the right
    length and the parent's prefix, so that scoping by prefix stays correct.
    """
    if actor is not None and not (is_sysadmin(actor) and parent is not None and can_manage_users_in(actor, parent)):
        raise NotAllowed(_("您没有权限在此处添加组织。"))
    name = name.strip()
    if not name:
        raise ActionError(_("请填写组织名称。"), field="name")
    if Org.objects.filter(code=code).exists():
        raise ActionError(_("编码 {code} 已存在。").format(code=code), field="code")
    if kind == OrgKind.GRID:
        from .tree import is_grid_code_of

        if parent is None or not parent.is_grassroots:
            raise ActionError(_("网格必须隶属于一个社区或村。"), field="parent")
        if not is_grid_code_of(code, parent):
            raise ActionError(_("网格编码应为上级社区代码 {code} 加 3 位数字。").format(code=parent.code), field="code")
        region_code = parent.region_code
        dept_kind = ""
    elif kind == OrgKind.DEPARTMENT:
        if parent is None or not parent.is_division:
            raise ActionError(_("职能部门必须隶属于一个行政区划。"), field="parent")
        region_code = parent.region_code
        dept_kind = dept_kind or DeptKind.FUNCTIONAL
    else:
        if kind not in DIVISION_KINDS:
            raise ActionError(_("未知的组织类型。"), field="kind")
        if not (code.isdigit() and len(code) == CODE_LENGTH[OrgKind(kind)]):
            raise ActionError(_("区划代码应为 {kind} 位数字。").format(kind=CODE_LENGTH[OrgKind(kind)]), field="code")
        if parent is not None:
            if kind not in CHILD_KINDS.get(OrgKind(parent.kind), set()):
                raise ActionError(_("上级组织类型不符。"), field="parent")
            if not code.startswith(parent.region_prefix):
                raise ActionError(
                    _("区划代码应以上级代码 {region_prefix} 开头。").format(region_prefix=parent.region_prefix),
                    field="code",
                )
        region_code = code
        dept_kind = ""
    org = Org.objects.create(
        code=code,
        name=name,
        kind=kind,
        dept_kind=dept_kind,
        parent=parent,
        region_code=region_code,
        is_generated=is_generated,
        staff_count=staff_count,
        sort_order=sort_order,
    )
    audit.record(
        actor, "orgs.org.create", org, after=audit.snapshot(org, ["code", "name", "kind", "dept_kind", "parent"])
    )
    return org


def can_manage_grids_of(actor: Any, community: Org) -> bool:
    """Who draws a community's grids: its own workers, its township's officers, a system
    administrator of the jurisdiction."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active or not community.is_grassroots:
        return False
    if actor.role == Role.COMMUNITY_WORKER:
        return actor.org_id == community.pk
    if actor.role == Role.TOWNSHIP_OFFICER:
        return actor.org_id == community.parent_id
    return can_manage_users_in(actor, community)


@transaction.atomic
def do_create_grid(community: Org, *, actor: Any, name: str) -> Org:
    """Add a grid (网格) to a community or village, coded after the community's last grid."""
    from .tree import next_grid_code

    if not can_manage_grids_of(actor, community):
        raise NotAllowed(_("您没有权限为该社区划分网格。"))
    Org.objects.select_for_update().filter(pk=community.pk).first()  # serialise numbering per community
    name = name.strip()
    if len(name) > 100:
        raise ActionError(_("网格名称不能超过 100 字。"), field="name")
    if name and Org.objects.filter(parent=community, kind=OrgKind.GRID, name=name).exists():
        raise ActionError(_("本社区已有名为“{name}”的网格。").format(name=name), field="name")
    try:
        code = next_grid_code(community)
    except ValueError:
        raise ActionError(_("本社区的网格数已达上限。")) from None
    org = do_create_org(actor=None, code=code, name=name, kind=OrgKind.GRID, parent=community)
    audit.record(actor, "orgs.grid.create", org, after={"code": org.code, "name": org.name})
    return org


def check_new_username(username: str) -> str:
    """The stripped name, or a refusal: wrong characters or already taken (any case)."""
    username = username.strip()
    if not USERNAME_RE.match(username):
        raise ActionError(_("用户名须为 3–40 位字母、数字或 _ . @ -。"), field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise ActionError(_("该用户名已被使用。"), field="username")
    return username


def _check_role(role: str, org: Org) -> None:
    if role not in Role.values:
        raise ActionError(_("请选择角色。"), field="role")
    problem = role_fits_org(role, org)
    if problem:
        raise ActionError(problem, field="role")


def _check_password(password: str, user: User | None = None) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ActionError("；".join(exc.messages), field="password") from exc


@transaction.atomic
def do_create_user(
    *,
    actor: Any,
    username: str,
    full_name: str,
    org: Org,
    role: str,
    password: str,
    phone: str = "",
    _skip_password_validation: bool = False,
) -> User:
    """Create an account in ``org`` with ``role``. System administrators, within their jurisdiction."""
    if actor is not None and not can_manage_users_in(actor, org):
        raise NotAllowed(_("您没有权限在该组织下创建用户。"))
    username = check_new_username(username)
    if not full_name.strip():
        raise ActionError(_("请填写姓名。"), field="full_name")
    _check_role(role, org)
    user = User(username=username, full_name=full_name.strip(), phone=phone.strip(), org=org, role=role)
    if not _skip_password_validation:
        _check_password(password, user)
    user.set_password(password)
    user.must_change_password = actor is not None
    user.password_changed_at = timezone.now()
    user.save()
    audit.record(actor, "orgs.user.create", user, org=getattr(actor, "org", None), after=_user_snapshot(user))
    return user


def _lock_managed_user(actor: Any, target: User) -> User:
    locked = User.objects.select_for_update(of=("self",)).select_related("org").get(pk=target.pk)
    if locked.org is None or not can_manage_users_in(actor, locked.org):
        raise NotAllowed(_("您没有权限管理该用户。"))
    return locked


@transaction.atomic
def do_update_user(target: User, *, actor: Any, full_name: str, phone: str, org: Org, role: str) -> User:
    """Change a user's name, phone, org or role (assigning a role is this action)."""
    user = _lock_managed_user(actor, target)
    if not can_manage_users_in(actor, org):
        raise NotAllowed(_("您没有权限将用户调入该组织。"))
    if not full_name.strip():
        raise ActionError(_("请填写姓名。"), field="full_name")
    _check_role(role, org)
    if user.pk == actor.pk and role != user.role:
        raise ActionError(_("不能修改自己的角色。"), field="role")
    before = _user_snapshot(user)
    phone = phone.strip()
    if phone and phone == user.phone_masked:  # the form shows the number masked: left as it was
        phone = user.phone
    user.full_name, user.phone, user.org, user.role = full_name.strip(), phone, org, role
    user.save(update_fields=["full_name", "phone", "org", "role"])
    audit.record(actor, "orgs.user.update", user, before=before, after=_user_snapshot(user))
    return user


@transaction.atomic
def do_set_user_active(target: User, *, actor: Any, active: bool, reason: str = "") -> User:
    """Disable or re-enable an account. A disabled user can neither sign in nor use a token."""
    user = _lock_managed_user(actor, target)
    if user.pk == actor.pk:
        raise ActionError(_("不能停用自己的账号。"))
    if user.is_active == active:
        raise ActionError(_("该账号已是此状态。"))
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        _revoke_all_tokens(user, actor=actor, reason=_("账号停用"))
    audit.record(
        actor,
        "orgs.user.enable" if active else "orgs.user.disable",
        user,
        before={"is_active": not active},
        after={"is_active": active},
        reason=reason,
    )
    return user


def do_reset_password(target: User, *, actor: Any) -> str:
    """Give the user a one-time password to be changed at next sign-in; returns it once.

    An auditor's or security administrator's password is the 安全管理员's to reset once the
    jurisdiction has one; the system administrator's attempt is refused and the refusal audited
    (outside the transaction that it would otherwise roll back)."""
    if target.role in GUARDED_ROLES and not can_reset_password_of(actor, target):
        audit.record(actor, "orgs.user.reset_password_refused", target, after={"role": target.role})
        raise NotAllowed(_("审计员和安全管理员的密码只能由安全管理员重置。"))
    return _reset_password(target, actor=actor)


@transaction.atomic
def _reset_password(target: User, *, actor: Any) -> str:
    user = User.objects.select_for_update(of=("self",)).select_related("org").get(pk=target.pk)
    if not can_reset_password_of(actor, user):
        raise NotAllowed(_("您没有权限管理该用户。"))
    if user.is_service:  # a service account never gets a password: it would open the pages to it
        raise ActionError(_("服务账号没有密码，不能重置；请在“服务账号”页面吊销或签发令牌。"))
    temporary = "Jf-" + secrets.token_urlsafe(9)
    user.set_password(temporary)
    user.must_change_password = True
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    audit.record(actor, "orgs.user.reset_password", user)
    _revoke_all_tokens(user, actor=actor, reason=_("密码重置"))
    return temporary


@transaction.atomic
def do_change_own_password(user: User, *, old_password: str, new_password: str) -> None:
    if not user.check_password(old_password):
        raise ActionError(_("原密码不正确。"), field="old_password")
    if old_password == new_password:
        raise ActionError(_("新密码不能与原密码相同。"), field="new_password")
    _check_password(new_password, user)
    user.set_password(new_password)
    user.must_change_password = False
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    audit.record(user, "orgs.user.change_password", user)
    _revoke_all_tokens(user, actor=user, reason=_("修改密码"))


def _revoke_all_tokens(user: User, *, actor: Any, reason: str) -> int:
    """Revoke every live token of ``user`` (password changed or reset, account disabled)."""
    tokens = list(ApiToken.objects.select_for_update().filter(user=user, revoked_at=None).order_by("pk"))
    now = timezone.now()
    for token in tokens:
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
        audit.record(actor, "orgs.token.revoke", token, org=user.org, after={"prefix": token.prefix}, reason=reason)
    return len(tokens)


@transaction.atomic
def do_issue_token(user: User, *, actor: Any, name: str = "") -> str:
    """Create an API token for ``user`` and return the raw value (shown once, stored hashed).

    Operators issue tokens from the command line (actor None); a user may issue their own, and
    one who enrolled a second factor only in a session that passed it (django-otp marks the
    request's user verified): a stolen password alone never yields a long-lived credential.
    A service account's tokens are scoped and come from ``service_accounts.do_issue_service_token``.
    """
    from .security import has_otp_device, is_verified

    if actor is not None and actor.pk != user.pk and not (user.org and can_manage_users_in(actor, user.org)):
        raise NotAllowed(_("您没有权限为该用户创建令牌。"))
    if user.is_service:
        raise ActionError(_("服务账号的令牌须由系统管理员在“服务账号”页面签发（须选择权限范围和到期日）。"))
    if not user.is_active:
        raise ActionError(_("该账号已停用，不能创建令牌。"))
    if actor is not None and actor.pk == user.pk and has_otp_device(user) and not is_verified(actor):
        raise ActionError(_("请先完成动态口令（双因素）验证，再创建接口令牌。"))
    raw = "jf_" + secrets.token_urlsafe(32)
    expires_at = timezone.now() + timedelta(days=settings.TOKEN_MAX_AGE_DAYS)
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], prefix=raw[:10], key_hash=hash_token(raw), expires_at=expires_at
    )
    audit.record(
        actor,
        "orgs.token.issue",
        token,
        org=user.org,
        after={"user": user.pk, "prefix": token.prefix, "expires_at": expires_at},
    )
    return raw


@transaction.atomic
def do_revoke_token(token: ApiToken, *, actor: Any) -> ApiToken:
    if actor.pk != token.user_id and not (token.user.org and can_manage_users_in(actor, token.user.org)):
        raise NotAllowed(_("您没有权限吊销该令牌。"))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(actor, "orgs.token.revoke", token, org=token.user.org)
    return token


def do_record_login(user: User) -> None:
    """Audit a successful sign-in (Django has already stamped last_login)."""
    audit.record(user, "auth.login", user)


def do_record_login_failure(username: str, ip: str, *, locked: bool, reason: str = "") -> None:
    """Audit a refused sign-in (等保: 登录失败与锁定应记录): the name typed and the client address.

    The entry joins the county chain of the account when the name exists (its auditors see it);
    the page says the same thing either way, so nothing here helps guess account names.
    """
    user = User.objects.filter(username=username).select_related("org").first()
    audit.record(
        None,
        "auth.login_locked" if locked else "auth.login_failed",
        user,
        org=user.org if user is not None else None,
        after={"username": username[:150], "ip": ip, **({"reason": reason} if reason else {})},
    )


def do_record_logout(user: User) -> None:
    audit.record(user, "auth.logout", user)
