"""In-app notifications (站内通知): one row per recipient, read or unread."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy

from jianfu.orgs.scoping import ScopedModel

from .choices import DEFAULT_CHANNELS, DEFAULT_KINDS, Channel, DeliveryStatus, Kind


class Notification(ScopedModel):
    """A message to one user about something that concerns them (an application moved, a task
    arrived, a review deadline is near). Written only by ``notify.actions.do_notify``."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField(gettext_lazy("标题"), max_length=200)
    body = models.TextField(gettext_lazy("内容"), blank=True)
    url = models.CharField(gettext_lazy("链接"), max_length=300, blank=True)
    kind = models.CharField(gettext_lazy("类别"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    # A stable key for "this event, once" (e.g. a deadline reminder), so cron reruns do not repeat it.
    dedupe_key = models.CharField(max_length=120, blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(gettext_lazy("已读时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["user", "dedupe_key"]),
        ]
        verbose_name = "站内通知"

    def __str__(self) -> str:
        return self.title


def _default_kinds() -> list[str]:
    return list(DEFAULT_KINDS)


def _default_channels() -> list[str]:
    return list(DEFAULT_CHANNELS)


class Preference(models.Model):
    """A user's choice of which kinds of notification also go out, and by which channels (通知偏好).
    The in-app bell always gets everything. Written only by ``notify.actions.do_set_preferences``."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notify_preference")
    kinds = models.JSONField(gettext_lazy("通知类别"), default=_default_kinds)
    channels = models.JSONField(gettext_lazy("通知渠道"), default=_default_channels)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "通知偏好"

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kinds} → {self.channels}"


class Delivery(ScopedModel):
    """One notification going out by one channel (投递记录): its status, attempts, last error and
    when it was sent. Created with the notification; sent and retried by ``notify_deliver``."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(gettext_lazy("渠道"), max_length=16, choices=Channel.choices)
    # A group robot posts once for everyone of one notification batch it reaches: their names.
    addressees = models.CharField(gettext_lazy("收件人"), max_length=500, blank=True)
    status = models.CharField(
        gettext_lazy("状态"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(gettext_lazy("尝试次数"), default=0)
    last_error = models.CharField(gettext_lazy("最近错误"), max_length=500, blank=True)
    # When the sweep may (next) try it: now for a new one, later after a failure (backoff), and a
    # lease while one sweep is sending it so that a second sweep leaves it alone.
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(gettext_lazy("发送时间"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [models.UniqueConstraint(fields=["notification", "channel"], name="notify_delivery_once")]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        verbose_name = "通知投递"

    def __str__(self) -> str:
        return f"{self.notification_id}/{self.channel}: {self.status}"
