"""Sending one notification by one channel: e-mail (SMTP), the 钉钉 and 企业微信 group robots, and a
generic SMS gateway hook. Each sender raises ``DeliveryError`` with a short reason on failure.

What goes out is the notification's title, body and link only, with mobile and ID numbers masked:
notifications are written by the platform's actions and may quote a report, and residents' contact
details must never leave the platform (the officer's own address or number is used to reach them).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage

from .choices import Channel
from .models import Delivery, Notification

# An 11-digit mainland mobile number or an 18-character 居民身份证 number, not inside a longer number.
_PERSONAL = re.compile(r"(?<!\d)(?:1[3-9]\d{9}|\d{17}[\dXx])(?![\dXx])")


ROBOTS = (Channel.DINGTALK.value, Channel.WECOM.value)


class DeliveryError(Exception):
    """A channel refused or could not be reached; the message is kept in the delivery log."""


def scrub(text: str) -> str:
    return _PERSONAL.sub(lambda m: m.group()[:3] + "*" * (len(m.group()) - 5) + m.group()[-2:], text)


def link(note: Notification) -> str:
    if not note.url:
        return ""
    return settings.NOTIFY_BASE_URL + note.url if note.url.startswith("/") else note.url


def text_of(note: Notification, *, short: bool = False) -> str:
    """The message as plain text: title, body (not for SMS) and the link."""
    parts = [scrub(note.title)]
    if note.body and not short:
        parts.append(scrub(note.body))
    if link(note):
        parts.append(link(note))
    return "\n".join(parts)


# --- where a user is reached ----------------------------------------------------------------------


def robot_for(user: Any, channel: str) -> dict[str, str] | None:
    """The group robot of the user's org or the nearest org above it, else the deployment's."""
    org = getattr(user, "org", None)
    if settings.NOTIFY_ROBOTS and org is not None:
        for node in [org, *reversed(org.ancestors())]:
            robot = settings.NOTIFY_ROBOTS.get(node.code, {}).get(channel)
            if robot:
                return robot
    if channel == Channel.DINGTALK and settings.NOTIFY_DINGTALK_WEBHOOK:
        return {"webhook": settings.NOTIFY_DINGTALK_WEBHOOK, "secret": settings.NOTIFY_DINGTALK_SECRET}
    if channel == Channel.WECOM and settings.NOTIFY_WECOM_WEBHOOK:
        return {"webhook": settings.NOTIFY_WECOM_WEBHOOK}
    return None


def configured() -> set[str]:
    """The channels this deployment can send by at all."""
    out = set()
    if settings.EMAIL_HOST:
        out.add(Channel.EMAIL.value)
    if settings.NOTIFY_SMS_URL:
        out.add(Channel.SMS.value)
    if settings.NOTIFY_DINGTALK_WEBHOOK or any("dingtalk" in r for r in settings.NOTIFY_ROBOTS.values()):
        out.add(Channel.DINGTALK.value)
    if settings.NOTIFY_WECOM_WEBHOOK or any("wecom" in r for r in settings.NOTIFY_ROBOTS.values()):
        out.add(Channel.WECOM.value)
    return out


def reachable(user: Any, channel: str) -> bool:
    """Whether ``user`` can be reached by ``channel`` here (address on file, robot configured)."""
    if channel == Channel.EMAIL:
        return bool(settings.EMAIL_HOST and user.email)
    if channel == Channel.SMS:
        return bool(settings.NOTIFY_SMS_URL and user.phone)
    if channel in (Channel.DINGTALK, Channel.WECOM):
        return robot_for(user, channel) is not None
    return False


# --- the senders ------------------------------------------------------------------------------------


def send_email(delivery: Delivery) -> None:
    note = delivery.notification
    user = note.user
    if not user.email:
        raise DeliveryError("账号未登记电子邮箱")
    message = EmailMessage(
        subject=settings.EMAIL_SUBJECT_PREFIX + scrub(note.title),
        body=text_of(note) + "\n\n——简负平台自动发送。可在“通知设置”中选择接收哪些通知。",
        to=[user.email],
    )
    try:
        message.send()
    except Exception as exc:  # smtplib and socket errors: the reason goes into the log
        raise DeliveryError(f"邮件发送失败：{exc.__class__.__name__}: {exc}") from exc


def _post_json(url: str, payload: dict[str, Any], headers: dict[str, str] | None = None) -> bytes:
    request = urllib.request.Request(  # noqa: S310 (the URL is the deployment's own http(s) setting)
        url,
        data=json.dumps(payload, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json; charset=utf-8", **(headers or {})},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.NOTIFY_HTTP_TIMEOUT) as response:  # noqa: S310
            return response.read(65536)
    except urllib.error.HTTPError as exc:
        raise DeliveryError(f"HTTP {exc.code}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise DeliveryError(f"无法连接：{getattr(exc, 'reason', exc)}") from exc


def _robot_answer(raw: bytes) -> None:
    """Both robots answer 200 with ``{"errcode": 0}`` on success and another code on refusal."""
    try:
        answer = json.loads(raw or b"{}")
    except ValueError as exc:
        raise DeliveryError("机器人返回了无法识别的应答") from exc
    if not isinstance(answer, dict) or answer.get("errcode", -1) != 0:
        code = answer.get("errcode") if isinstance(answer, dict) else None
        msg = answer.get("errmsg", "") if isinstance(answer, dict) else ""
        raise DeliveryError(f"机器人拒绝：errcode={code} {msg}"[:300])


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """钉钉 加签: base64(HmacSHA256(key=secret, "timestamp\\nsecret")), to be URL-encoded."""
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def _with_query(url: str, **params: str) -> str:
    return url + ("&" if "?" in url else "?") + urllib.parse.urlencode(params)


def _robot_text(delivery: Delivery) -> str:
    note = delivery.notification
    return f"【简负】致{delivery.addressees or note.user.get_full_name()}：{text_of(note)}"


def send_dingtalk(delivery: Delivery) -> None:
    note = delivery.notification
    robot = robot_for(note.user, Channel.DINGTALK)
    if robot is None:
        raise DeliveryError("未配置钉钉机器人")
    url = robot["webhook"]
    if robot.get("secret"):
        ts = int(time.time() * 1000)
        url = _with_query(url, timestamp=str(ts), sign=dingtalk_sign(robot["secret"], ts))
    _robot_answer(_post_json(url, {"msgtype": "text", "text": {"content": _robot_text(delivery)}}))


def send_wecom(delivery: Delivery) -> None:
    robot = robot_for(delivery.notification.user, Channel.WECOM)
    if robot is None:
        raise DeliveryError("未配置企业微信机器人")
    payload = {"msgtype": "text", "text": {"content": _robot_text(delivery)}}
    _robot_answer(_post_json(robot["webhook"], payload))


def send_sms(delivery: Delivery) -> None:
    note = delivery.notification
    phone = note.user.phone
    if not (settings.NOTIFY_SMS_URL and phone):
        raise DeliveryError("未配置短信网关或账号未登记手机号")
    headers = {"Authorization": f"Bearer {settings.NOTIFY_SMS_TOKEN}"} if settings.NOTIFY_SMS_TOKEN else {}
    _post_json(settings.NOTIFY_SMS_URL, {"phone": phone, "text": "【简负】" + text_of(note, short=True)}, headers)


SENDERS: dict[str, Callable[[Delivery], None]] = {
    Channel.EMAIL: send_email,
    Channel.DINGTALK: send_dingtalk,
    Channel.WECOM: send_wecom,
    Channel.SMS: send_sms,
}
