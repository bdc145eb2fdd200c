"""Send the notifications waiting to go out (cron or a systemd timer, every minute):
``jianfu notify-deliver`` or ``manage.py notify_deliver``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from jianfu.notify.delivery import deliver_due


class Command(BaseCommand):
    help = "发送待发的站外通知（邮件、钉钉、企业微信、短信），失败的按退避间隔重试（建议每分钟运行一次）。"

    def handle(self, *args: Any, **options: Any) -> None:
        counts = deliver_due()
        self.stdout.write(f"已发送 {counts.sent} 条，待重试 {counts.retrying} 条，失败 {counts.failed} 条。")
