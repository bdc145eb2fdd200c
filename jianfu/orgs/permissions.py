"""Role checks. Jurisdiction is checked separately by ``scoping``; both must pass."""

from __future__ import annotations

from typing import Any

from .choices import GRASSROOTS_KINDS, DeptKind, OrgKind, Role
from .models import Org
from .scoping import in_scope


def has_role(user: Any, *roles: str) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.role in roles)


def is_sysadmin(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.role == Role.SYSADMIN or (user.is_superuser and user.org_id is None)


def can_manage_users_in(actor: Any, org: Org) -> bool:
    """System administrators manage the accounts of every org inside their jurisdiction."""
    return is_sysadmin(actor) and in_scope(actor, org.region_code)


def role_fits_org(role: str, org: Org) -> str | None:
    """Why ``role`` cannot be held in ``org`` (a Chinese message), or None if it can."""
    if role == Role.LIST_OWNER:
        ok = org.kind == OrgKind.DEPARTMENT and org.dept_kind in (DeptKind.CIVIL_AFFAIRS, DeptKind.ORGANISATION)
        return None if ok else "“县级民政/组织”角色只能设在民政局或组织部。"
    if role == Role.APPROVER:
        ok = org.kind == OrgKind.DEPARTMENT and org.dept_kind == DeptKind.LEADING_GROUP
        return None if ok else "“领导小组”角色只能设在领导小组。"
    if role == Role.DEPT_OFFICER:
        return None if org.kind == OrgKind.DEPARTMENT else "“部门经办人”只能设在职能部门。"
    if role == Role.TOWNSHIP_OFFICER:
        return None if org.kind == OrgKind.TOWNSHIP else "“乡镇/街道经办人”只能设在乡镇或街道。"
    if role == Role.COMMUNITY_WORKER:
        return None if org.kind in GRASSROOTS_KINDS else "“社区工作者”只能设在社区或村。"
    if role == Role.SYSADMIN:
        ok = org.kind in (OrgKind.PROVINCE, OrgKind.CITY, OrgKind.COUNTY)
        return None if ok else "“系统管理员”只能设在县（区）及以上。"
    if role in (Role.SECADMIN, Role.AUDITOR):
        ok = org.kind in (OrgKind.PROVINCE, OrgKind.CITY, OrgKind.COUNTY)
        return None if ok else "“安全管理员”和“审计员”只能设在县（区）及以上。"
    return "未知角色。"


def roles_for_org(org: Org) -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in Role.choices if role_fits_org(value, org) is None]


def _holds_duty(user: Any, role: str) -> bool:
    """Whether ``user`` carries the duty of ``role`` (审计员/安全管理员) in their jurisdiction.

    三员分立: the auditor's and the security administrator's duties belong to those roles. A small
    county that has not (yet) appointed one keeps the duty with its system administrator, and
    loses it there as soon as an active holder exists in the jurisdiction (docs/security.md).
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.role == role:
        return user.org_id is not None
    if not is_sysadmin(user):
        return False
    from .models import User
    from .scoping import scope_q

    if user.org_id is None:  # the platform's superuser: the duty stays with the roles
        return False
    holders = User.objects.filter(role=role, is_active=True).filter(scope_q(user, "org__region_code"))
    return not holders.exists()


def can_read_audit_log(user: Any) -> bool:
    """审计员 (or the system administrator while the jurisdiction has none)."""
    return _holds_duty(user, Role.AUDITOR)


def can_manage_account_security(user: Any) -> bool:
    """安全管理员: unlock sign-ins, reset second factors (or the sysadmin while there is none)."""
    return _holds_duty(user, Role.SECADMIN)


def can_secure_account_of(actor: Any, target: Any) -> bool:
    return bool(
        can_manage_account_security(actor) and target.org is not None and in_scope(actor, target.org.region_code)
    )


# Accounts whose credentials (password, second factor) only the security administrator resets once
# the jurisdiction has one: otherwise the system administrator could sign in as the auditor
# and erase what the auditor would see (三员分立, docs/security.md).
GUARDED_ROLES = (Role.AUDITOR, Role.SECADMIN)


def can_reset_password_of(actor: Any, target: Any) -> bool:
    """Who may give ``target`` a temporary password: the sysadmin of the jurisdiction, except for
    an auditor's or a security administrator's account, which is the 安全管理员's (or the
    sysadmin's while the jurisdiction has no active 安全管理员)."""
    if target.org is None:
        return False
    if target.role in GUARDED_ROLES:
        return can_secure_account_of(actor, target)
    return can_manage_users_in(actor, target.org)
