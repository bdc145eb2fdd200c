"""Account security (等保 三级 身份鉴别): second factor, password age, unlocks, and the security
events the audit log must hold (token use, views of residents' personal data)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from jianfu.core import audit
from jianfu.core.errors import ActionError, NotAllowed

from . import login_guard
from .models import ApiToken, User
from .permissions import can_secure_account_of


def password_expired(user: Any) -> bool:
    days = settings.PASSWORD_MAX_AGE_DAYS
    changed = getattr(user, "password_changed_at", None)
    return bool(days > 0 and changed is not None and timezone.now() - changed > timedelta(days=days))


def must_change_password(user: Any) -> bool:
    return bool(getattr(user, "must_change_password", False) or password_expired(user))


def has_otp_device(user: Any) -> bool:
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


def is_verified(user: Any) -> bool:
    """Whether this session passed the second factor (django-otp's OTPMiddleware marks the user)."""
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False


def otp_required(user: Any) -> bool:
    """Whether ``user`` must pass a TOTP check after the password: their role requires it, or they enrolled."""
    return user.role in settings.OTP_REQUIRED_ROLES or has_otp_device(user)


def pending_device(user: User) -> TOTPDevice:
    """The user's unconfirmed TOTP device (its secret shown on the enrolment page), made once."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)
    return device


def do_confirm_otp(user: User, *, code: str) -> TOTPDevice:
    """Enrol: the first right code from the authenticator app confirms the pending device.

    Not one transaction: a wrong code is audited and the error raised after it is written."""
    if has_otp_device(user):
        raise ActionError(_("您已绑定双因素认证；如需更换，请联系安全管理员重置。"))
    device = pending_device(user)
    if not device.verify_token(code.strip()):
        audit.record(user, "auth.otp_failed", user, after={"stage": "enrol"})
        raise ActionError(_("验证码不正确，请核对手机上的 6 位数字后重试。"), field="code")
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(user, "auth.otp_enrol", user)
    return device


def do_verify_otp(user: User, *, code: str) -> TOTPDevice:
    """Second step of sign-in: the code of a confirmed device (django-otp throttles guesses)."""
    for device in TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk"):
        if device.verify_token(code.strip()):
            audit.record(user, "auth.otp_verified", user)
            return device
    audit.record(user, "auth.otp_failed", user, after={"stage": "login"})
    raise ActionError(_("验证码不正确或尝试过于频繁，请稍后重试。"), field="code")


def _lock_secured_user(actor: Any, target: User) -> User:
    locked = User.objects.select_for_update(of=("self",)).select_related("org").get(pk=target.pk)
    if not can_secure_account_of(actor, locked):
        raise NotAllowed(_("您没有权限管理该账号的安全设置。"))
    return locked


@transaction.atomic
def do_reset_otp(target: User, *, actor: Any, reason: str = "") -> int:
    """Recovery of a lost phone: remove the user's TOTP devices; they enrol again at next sign-in."""
    user = _lock_secured_user(actor, target)
    count, _detail = TOTPDevice.objects.filter(user=user).delete()
    audit.record(actor, "auth.otp_reset", user, after={"devices": count}, reason=reason)
    return count


@transaction.atomic
def do_unlock_account(target: User, *, actor: Any) -> int:
    """End every sign-in lock of the account (at any address) before its cool-down is over."""
    user = _lock_secured_user(actor, target)
    count = login_guard.unlock(user.username)
    audit.record(actor, "auth.unlock", user, after={"locks": count})
    return count


def do_record_token_use(token: ApiToken) -> None:
    """Audit a token's use (at most once per bookkeeping interval, with last_used_at)."""
    audit.record(token.user, "auth.token_use", token, org=token.user.org, after={"prefix": token.prefix})


def do_record_personal_data_view(
    actor: Any, obj: models.Model | None, *, fields: list[str], objects: list[models.Model] | None = None
) -> None:
    """Audit that ``actor`` was shown residents' personal data (name, phone, 身份证号) in clear (PIPL):
    on one ``obj`` (a detail page), or on each of ``objects`` (a list page; one entry for the page)."""
    after: dict[str, Any] = {"fields": fields}
    if objects:
        after["objects"] = [f"{o._meta.label_lower}:{o.pk}" for o in objects][:200]
    audit.record(actor, "pii.view", obj, after=after)
