"""Reads of orgs, users and audit trails, always restricted to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from .choices import OrgKind
from .models import ApiToken, ExternalIdentity, Org, User
from .permissions import can_manage_users_in, is_sysadmin
from .scoping import get_in_scope_or_404, restrict, visible_orgs


def get_org(user: Any, code: str) -> Org:
    """One org by code, or NotFound (also for orgs outside the user's jurisdiction)."""
    return get_in_scope_or_404(Org.objects.select_related("parent"), user, code=code, message=_("未找到该组织。"))


@dataclass
class OrgNode:
    org: Org
    children: list[OrgNode] = field(default_factory=list)
    user_count: int = 0

    @property
    def grassroots_count(self) -> int:
        own = 1 if self.org.is_grassroots else 0
        return own + sum(c.grassroots_count for c in self.children)


def org_tree(user: Any) -> list[OrgNode]:
    """The visible tree as nested nodes; its roots are the user's jurisdiction."""
    orgs = visible_orgs(user).annotate(n_users=Count("users", filter=Q(users__is_active=True)))
    nodes = {o.pk: OrgNode(o, user_count=o.n_users) for o in orgs}
    roots: list[OrgNode] = []
    for node in nodes.values():
        parent = nodes.get(node.org.parent_id) if node.org.parent_id else None
        (parent.children if parent is not None else roots).append(node)
    for node in nodes.values():
        # Departments first, then divisions by code.
        node.children.sort(key=lambda n: (n.org.kind != OrgKind.DEPARTMENT, n.org.sort_order, n.org.code))
    return sorted(roots, key=lambda n: n.org.code)


def org_children(user: Any, org: Org) -> QuerySet[Org]:
    return visible_orgs(user).filter(parent=org).order_by("kind", "sort_order", "code")


def users_for_admin(user: Any, *, q: str = "", org_code: str = "", role: str = "", active: str = "") -> QuerySet[User]:
    """Accounts a system administrator manages; nothing for anybody else."""
    if not is_sysadmin(user):
        return User.objects.none()
    users = restrict(User.objects.select_related("org", "org__parent"), user, "org__region_code")
    if q:
        users = users.filter(Q(username__icontains=q) | Q(full_name__icontains=q) | Q(phone__icontains=q))
    if org_code:
        users = users.filter(org__code=org_code)
    if role:
        users = users.filter(role=role)
    if active in ("1", "0"):
        users = users.filter(is_active=active == "1")
    return users.order_by("org__code", "username")


def get_user_for_admin(user: Any, pk: int) -> User:
    return get_in_scope_or_404(
        users_for_admin(user), user, pk=pk, scope_field="org__region_code", message=_("未找到该用户。")
    )


def counts_by_kind(user: Any) -> dict[str, int]:
    rows = visible_orgs(user).filter(is_active=True).values("kind").annotate(n=Count("id"))
    return {r["kind"]: r["n"] for r in rows}


def tokens_of(user: Any) -> QuerySet[ApiToken]:
    """A user's own API tokens, newest first."""
    if not getattr(user, "is_authenticated", False):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def users_for_security(user: Any, *, q: str = "") -> QuerySet[User]:
    """Accounts whose security a 安全管理员 manages (locks, second factor); nothing for others."""
    from .permissions import can_manage_account_security

    if not can_manage_account_security(user):
        return User.objects.none()
    users = restrict(User.objects.select_related("org"), user, "org__region_code")
    if q:
        users = users.filter(Q(username__icontains=q) | Q(full_name__icontains=q))
    return users.order_by("org__code", "username")


def get_user_for_security(user: Any, pk: int) -> User:
    return get_in_scope_or_404(
        users_for_security(user), user, pk=pk, scope_field="org__region_code", message=_("未找到该用户。")
    )


def identities_of(user: Any, target: User) -> QuerySet[ExternalIdentity]:
    """The 统一身份认证 links of an account the system administrator ``user`` manages."""
    if target.org is None or not can_manage_users_in(user, target.org):
        return ExternalIdentity.objects.none()
    return ExternalIdentity.objects.filter(user=target).order_by("provider", "subject")
