"""Rebuild the grid events' monthly rollups from the events (all, or one county: --region 610921)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from jianfu.events import rollups


class Command(BaseCommand):
    help = "从网格事件重建月度汇总表（接诉即办排名读取该表）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--region", default="", help="只重建该县（区），如 610921")

    def handle(self, *args: Any, region: str = "", **options: Any) -> None:
        if region and not (region.isdigit() and len(region) >= 6):
            raise CommandError("区划代码应为至少 6 位数字，如 610921。")
        n = rollups.rebuild(region)
        self.stdout.write(f"已重建 {n} 行汇总。")
