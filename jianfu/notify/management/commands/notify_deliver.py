"""Send the notifications waiting to go out (cron or a systemd timer, every minute):
``jianfu notify-deliver`` or ``manage.py notify_deliver [--now ISO]``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jianfu.notify.delivery import deliver_due


class Command(BaseCommand):
    help = "发送待发的站外通知（邮件、钉钉、企业微信、短信），失败的按退避间隔重试（建议每分钟运行一次）。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--now", help="以此时刻为准（ISO 格式，用于补跑或测试），默认当前时间")

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        if options.get("now"):
            try:
                now = dt.datetime.fromisoformat(options["now"])
            except ValueError as exc:
                raise CommandError("--now 应为 ISO 格式时间，如 2026-05-01T08:00") from exc
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        counts = deliver_due(now)
        self.stdout.write(f"已发送 {counts.sent} 条，待重试 {counts.retrying} 条，失败 {counts.failed} 条。")
