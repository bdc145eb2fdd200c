"""In-app notifications (站内通知): one row per recipient, read or unread."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from jianfu.orgs.scoping import ScopedModel


class Notification(ScopedModel):
    """A message to one user about something that concerns them (an application moved, a task
    arrived, a review deadline is near). Written only by ``notify.actions.do_notify``."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField(gettext_lazy("标题"), max_length=200)
    body = models.TextField(gettext_lazy("内容"), blank=True)
    url = models.CharField(gettext_lazy("链接"), max_length=300, blank=True)
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
