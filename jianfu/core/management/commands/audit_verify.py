"""Recompute the audit chains and report the first broken link of each (run it from the scheduler)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from jianfu.core.auditchain import verify


class Command(BaseCommand):
    help = "校验审计记录链：报告每条链第一个断开之处（记录被修改、删除或调换）。"

    def handle(self, *args: Any, **options: Any) -> None:
        checked, breaks = verify()
        if breaks:
            for b in breaks:
                self.stderr.write(str(b))
            raise CommandError(f"审计记录链校验未通过：{len(breaks)} 条链断开（共检查 {checked} 条记录）。")
        self.stdout.write(f"审计记录链完好：共检查 {checked} 条记录。")
