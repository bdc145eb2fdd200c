"""Remind communities of scheduled forms due within a week (run daily by the scheduler)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from jianfu.formsreg.actions import do_send_reminders


class Command(BaseCommand):
    help = "提醒社区一周内到期、尚未填报的年度计划表格（每日运行）。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--days", type=int, default=7)

    def handle(self, *args: Any, days: int = 7, **options: Any) -> None:
        sent = do_send_reminders(days=days)
        self.stdout.write(f"forms_reminders: {sent} reminder(s) queued")
