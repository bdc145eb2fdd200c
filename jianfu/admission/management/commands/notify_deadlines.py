"""Daily (cron): remind reviewers of admission applications whose review period is ending."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from jianfu.admission.reminders import send_deadline_reminders


class Command(BaseCommand):
    help = "提醒审查人：即将到期或已超期的准入申请（建议每个工作日运行一次）"

    def handle(self, *args: Any, **options: Any) -> None:
        n = send_deadline_reminders()
        self.stdout.write(f"已发送 {n} 条审查期限提醒。")
