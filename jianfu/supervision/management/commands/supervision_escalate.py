"""Escalate overdue 督办单 (run by cron, e.g. daily at 08:00): ``manage.py supervision_escalate``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jianfu.supervision.actions import do_escalate_overdue


class Command(BaseCommand):
    help = "将超过整改期限仍未回复的督办单标记为逾期，并提醒被督办部门和督办单位。"

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
        orders = do_escalate_overdue(now=now)
        for order in orders:
            self.stdout.write(f"逾期：{order.department.name} 督办单{order.doc_no}（期限 {order.deadline}）")
        self.stdout.write(f"共 {len(orders)} 件督办单逾期升级。")
