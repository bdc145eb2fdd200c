"""What a notification is about (its kind) and the channels it may go out by."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy


class Kind(models.TextChoices):
    """The kinds a user may choose to be told about outside the app."""

    DEADLINE = "deadline", gettext_lazy("期限提醒")
    ORDER = "order", gettext_lazy("督办单")
    REFUSAL = "refusal", gettext_lazy("拒收")
    REVIEW = "review", gettext_lazy("审核")
    OTHER = "other", gettext_lazy("其他")


class Channel(models.TextChoices):
    """Channels beside the in-app bell (which always receives every notification)."""

    EMAIL = "email", gettext_lazy("电子邮件")
    DINGTALK = "dingtalk", gettext_lazy("钉钉群机器人")
    WECOM = "wecom", gettext_lazy("企业微信群机器人")
    SMS = "sms", gettext_lazy("短信")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", gettext_lazy("待发送")
    SENT = "sent", gettext_lazy("已发送")
    FAILED = "failed", gettext_lazy("发送失败")


# Without a saved preference: every kind, and e-mail (sent only when the deployment has SMTP and the
# account has an address). Robots post into a group, so each user opts in to them.
DEFAULT_KINDS = [k.value for k in Kind]
DEFAULT_CHANNELS = [Channel.EMAIL.value]
