"""Sweep every workflow's deadlines (cron, each morning): ``manage.py sweep_deadlines [--now ISO]``.

Each workflow declares its deadlines in its ``transitions.py`` (``core.transitions.Deadline``):
admission reminds reviewers of applications whose review period is ending, supervision escalates
督办单 past their deadline. One command runs them all; a second run the same day sends nothing new.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jianfu.core.transitions import sweep_all


class Command(BaseCommand):
    help = "检查各流程的办理期限：提醒即将到期或已超期的事项，将逾期未办的督办单升级（建议每天早上运行一次）。"

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
        results = sweep_all(now)
        for result in results.values():
            for line in result.lines:
                self.stdout.write(f"逾期：{line}")
        escalated = sum(len(r.overdue) for r in results.values())
        reminded = sum(r.reminded for r in results.values())
        self.stdout.write(f"共 {escalated} 件逾期升级，已发送 {reminded} 条期限提醒。")
