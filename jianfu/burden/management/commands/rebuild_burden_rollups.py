"""Rebuild the burden rollups from the ledger (all, or one county: --region 610921)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from jianfu.burden import rollups


class Command(BaseCommand):
    help = "从负担台账重建月度汇总表"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--region", default="", help="只重建该县（区）及以下，如 610921")

    def handle(self, *args: Any, region: str = "", **options: Any) -> None:
        if region and not region.isdigit():
            raise CommandError("区划代码只能是数字，如 610921。")
        n = rollups.rebuild(region)
        self.stdout.write(f"已重建 {n} 行汇总。")
