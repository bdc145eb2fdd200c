"""Service accounts (服务账号): another system — a 12345 hotline, the province's 一网通办 — that
calls the API for an org. No password (it can't sign in to a page), and only tokens the system
administrator issues with named scopes and a mandatory expiry; every step is audited."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core import audit, scopes
from jianfu.core.errors import ActionError, NotAllowed

from .actions import USER_FIELDS, _check_role, check_new_username
from .models import ApiToken, Org, User, hash_token
from .permissions import can_manage_users_in, is_sysadmin
from .scoping import restrict


def service_accounts_for(user: Any) -> QuerySet[User]:
    """The service accounts a system administrator manages (their jurisdiction); nothing for others."""
    if not is_sysadmin(user):
        return User.objects.none()
    return restrict(User.objects.filter(is_service=True).select_related("org"), user, "org__region_code")


@transaction.atomic
def do_create_service_account(*, actor: Any, username: str, name: str, org: Org, role: str) -> User:
    """A service account of ``org`` acting with ``role`` (what its tokens may at most do)."""
    if not is_sysadmin(actor) or not can_manage_users_in(actor, org):
        raise NotAllowed(_("只有本辖区的系统管理员可以创建服务账号。"))
    username = check_new_username(username)
    if not name.strip():
        raise ActionError(_("请填写对接系统的名称。"), field="name")
    _check_role(role, org)
    account = User(username=username, full_name=name.strip()[:50], org=org, role=role, is_service=True)
    account.set_unusable_password()  # no password sign-in, ever
    account.save()
    audit.record(actor, "orgs.service_account.create", account, org=org, after=audit.snapshot(account, USER_FIELDS))
    return account


@transaction.atomic
def do_issue_service_token(
    account: User, *, actor: Any, requested: list[str], expires_on: dt.date | None, name: str = ""
) -> str:
    """A scoped token for a service account, valid until the end of ``expires_on`` (at most
    JIANFU_TOKEN_MAX_AGE_DAYS away); the raw value is returned once and stored hashed."""
    if not account.is_service or account.org is None or not is_sysadmin(actor):
        raise NotAllowed(_("只有系统管理员可以为服务账号签发令牌。"))
    if not can_manage_users_in(actor, account.org):
        raise NotAllowed(_("您没有权限管理该服务账号。"))
    if not account.is_active:
        raise ActionError(_("该服务账号已停用，不能签发令牌。"))
    known = scopes.available()
    chosen = sorted({s.strip() for s in requested if s.strip()})
    if not chosen:
        raise ActionError(_("请至少选择一项权限范围。"), field="scopes")
    unknown = [s for s in chosen if s not in known]
    if unknown:
        raise ActionError(_("未知的权限范围：{scopes}").format(scopes="、".join(unknown)), field="scopes")
    today = timezone.localdate()
    last = today + dt.timedelta(days=settings.TOKEN_MAX_AGE_DAYS)
    if expires_on is None:
        raise ActionError(_("请填写到期日期（服务令牌必须有到期日）。"), field="expires_on")
    if not today < expires_on <= last:
        raise ActionError(
            _("到期日期须在今天之后、{last} 之前（含）。").format(last=last.isoformat()), field="expires_on"
        )
    expires_at = timezone.make_aware(dt.datetime.combine(expires_on + dt.timedelta(days=1), dt.time.min))
    raw = "jf_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=account,
        name=name.strip()[:100],
        prefix=raw[:10],
        key_hash=hash_token(raw),
        expires_at=expires_at,
        scopes=chosen,
    )
    audit.record(
        actor,
        "orgs.token.issue",
        token,
        org=account.org,
        after={"user": account.pk, "prefix": token.prefix, "expires_at": expires_at, "scopes": chosen},
    )
    return raw
