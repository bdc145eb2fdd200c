"""Single sign-on (统一身份认证, issue 18 point 3): an identity proven by the province's OIDC or CAS
server signs in to the EXISTING account it is linked to, and nothing else.

An identity maps to an account through an ``ExternalIdentity`` row the system administrator sets
(``do_link_identity``, or ``jianfu manage link_identity``), or, when the county configures
``JIANFU_SSO_MATCH_USERNAME=1``, through an account of the same user name. An unknown identity,
a disabled account or one in a disabled org is refused with a Chinese message and audited
(``auth.sso_refused``); no account is ever created and no role granted here.

A session opened this way is marked ``jf_sso``: the identity provider's sign-in is the first factor
and any second factor it asked for stands for ours (docs/security.md), so the TOTP step and the
local password's expiry are not asked of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from jianfu.core import audit
from jianfu.core.errors import ActionError, NotAllowed

from .models import ExternalIdentity, User
from .permissions import can_manage_users_in

SESSION_FLAG = "jf_sso"
REFUSAL_KEY = "jf_sso_refusal"


@dataclass(frozen=True)
class Refusal:
    """Why an identity proven by the provider did not sign in (shown on the sign-in page)."""

    message: str
    reason: str  # unknown | disabled | invalid


def enabled(provider: str) -> bool:
    return bool(settings.OIDC_ISSUER if provider == "oidc" else settings.CAS_SERVER_URL)


def resolve(provider: str, subject: str) -> User | Refusal:
    """The account linked to ``provider:subject``, or why it may not sign in."""
    subject = (subject or "").strip()
    if not subject:
        return Refusal(_("统一身份认证未返回身份标识，无法登录。"), "invalid")
    link = ExternalIdentity.objects.select_related("user__org").filter(provider=provider, subject=subject).first()
    user = link.user if link is not None else None
    if user is None and settings.SSO_MATCH_USERNAME:
        user = User.objects.select_related("org").filter(username__iexact=subject).first()
    if user is None or user.is_service:  # a service account signs in by token only, never as a person
        return Refusal(_("您的统一身份认证账号尚未关联本平台账号，请联系系统管理员。"), "unknown")
    if not user.is_active or (user.org is not None and not user.org.is_active):
        return Refusal(_("该账号已停用，请联系系统管理员。"), "disabled")
    return user


def do_record_refusal(request: HttpRequest, provider: str, subject: str, refusal: Refusal) -> None:
    """Audit a refused single sign-on (等保: 登录失败应记录) and keep the message for the page."""
    user: User | None = None
    if refusal.reason == "disabled":
        link = ExternalIdentity.objects.filter(provider=provider, subject=subject).select_related("user").first()
        user = link.user if link is not None else User.objects.filter(username__iexact=subject).first()
    audit.record(
        None,
        "auth.sso_refused",
        user,
        org=getattr(user, "org", None),
        after={"provider": provider, "subject": subject[:255], "reason": refusal.reason},
    )
    request.session[REFUSAL_KEY] = refusal.message


def pop_refusal(request: HttpRequest) -> str:
    return str(request.session.pop(REFUSAL_KEY, "")) if hasattr(request, "session") else ""


def sign_in(request: HttpRequest, user: User, provider: str, backend: str) -> None:
    """Open the session for ``user`` (already resolved) and audit the sign-in."""
    login(request, user, backend=backend)
    mark_signed_in(request, user, provider)


def mark_signed_in(request: HttpRequest, user: User, provider: str) -> None:
    """The session was opened by ``provider``: mark it (no local second factor) and audit it."""
    request.session[SESSION_FLAG] = provider
    audit.record(user, "auth.login", user, after={"via": provider})


def is_sso_session(request: HttpRequest) -> bool:
    session = getattr(request, "session", None)
    return bool(session is not None and session.get(SESSION_FLAG))


def refuse_invalid(request: HttpRequest, provider: str, detail: str) -> None:
    """The provider's answer did not verify (signature, issuer, nonce, ticket): audit, tell the user."""
    refusal = Refusal(_("统一身份认证登录失败（凭据无效或已过期），请重新登录。"), "invalid")
    audit.record(None, "auth.sso_refused", None, after={"provider": provider, "reason": "invalid", "detail": detail})
    request.session[REFUSAL_KEY] = refusal.message
    messages.error(request, refusal.message)


def refuse_unreachable(request: HttpRequest, provider: str, detail: str) -> None:
    """The provider could not be reached (discovery failed): audit, tell the user to use the fallback."""
    message = _("统一身份认证暂时无法访问，请稍后重试或联系系统管理员。")
    audit.record(
        None, "auth.sso_refused", None, after={"provider": provider, "reason": "unreachable", "detail": detail}
    )
    request.session[REFUSAL_KEY] = message


@transaction.atomic
def do_link_identity(user: User, *, actor: Any, provider: str, subject: str) -> ExternalIdentity:
    """Link an identity of the province's 统一身份认证 to ``user`` (the system administrator of
    the user's jurisdiction, or an operator from the command line: actor None)."""
    if actor is not None and not (user.org is not None and can_manage_users_in(actor, user.org)):
        raise NotAllowed(_("您没有权限管理该用户。"))
    subject = subject.strip()
    if provider not in dict(ExternalIdentity.PROVIDERS):
        raise ActionError(_("未知的认证方式。"), field="provider")
    if not subject or len(subject) > 255:
        raise ActionError(_("请填写统一身份认证标识（不超过 255 个字符）。"), field="subject")
    taken = ExternalIdentity.objects.filter(provider=provider, subject=subject).select_related("user").first()
    if taken is not None:
        raise ActionError(_("该标识已关联账号 {username}。").format(username=taken.user.username), field="subject")
    link = ExternalIdentity.objects.create(user=user, provider=provider, subject=subject)
    audit.record(actor, "orgs.identity.link", user, after={"provider": provider, "subject": subject})
    return link


@transaction.atomic
def do_unlink_identity(link: ExternalIdentity, *, actor: Any) -> None:
    user = link.user
    if actor is not None and not (user.org is not None and can_manage_users_in(actor, user.org)):
        raise NotAllowed(_("您没有权限管理该用户。"))
    audit.record(actor, "orgs.identity.unlink", user, after={"provider": link.provider, "subject": link.subject})
    link.delete()
