"""Benchmark of the lists: import a 5,000-item workbook into a draft, publish it, serve the public
list page. Runs on a throwaway database: SQLite by default, PostgreSQL when JIANFU_DATABASE_URL is
set (a test_<name> database is created and dropped).

    ./jianfu bench catalog_bench [--items 5000] [--requests 20]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("JIANFU_TESTING", "1")
os.environ.setdefault("JIANFU_DATA_DIR", tempfile.mkdtemp(prefix="jianfu-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jianfu.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from openpyxl import Workbook  # noqa: E402

CATEGORIES = ["依法履行职责事项", "依法协助政府工作事项", "公共服务事项", "填报表格", "证明事项"]
DEPTS = ["民政局", "卫生健康局", "人力资源和社会保障局"]
UNITS = ["每年", "每季度", "每月", "每周"]


def build_workbook(n: int) -> bytes:
    from jianfu.catalog.exports import HEADER

    book = Workbook(write_only=True)
    sheet = book.create_sheet("清单事项")
    sheet.append(HEADER)
    for i in range(1, n + 1):
        cat = CATEGORIES[i % len(CATEGORIES)]
        assist = cat == "依法协助政府工作事项"
        sheet.append(
            [
                f"B-{i:05d}",
                f"第{i}项社区工作事项：协助开展居民走访与政策宣传",
                cat,
                "可出具的证明" if cat == "证明事项" else None,
                "《中华人民共和国城市居民委员会组织法》第三条",
                DEPTS[i % len(DEPTS)],
                "职责范围说明",
                "运行流程说明",
                "联系居民、宣传教育" if assist else None,
                5000 if assist else None,
                "县财政专项" if assist else None,
                1 + i % 4,
                UNITS[i % 4],
                30 + i % 90,
                "城市社区和村",
                None,
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()

    db = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        # A file, not memory: closer to how the embedded default runs.
        db.setdefault("TEST", {})["NAME"] = str(Path(os.environ["JIANFU_DATA_DIR"]) / "bench.sqlite3")
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        from jianfu.catalog import selectors
        from jianfu.catalog.actions import do_import_items, do_publish_version
        from jianfu.testing import build_world

        world = build_world()
        owner, actor = world.county, world.county_mzj
        print(f"数据库：{connection.vendor}；事项数：{args.items}")

        t = time.perf_counter()
        data = build_workbook(args.items)
        print(f"生成工作簿：{time.perf_counter() - t:.2f} s（{len(data) / 1024:.0f} KB）")

        t = time.perf_counter()
        draft = do_import_items(owner, actor=actor, upload=io.BytesIO(data))
        import_s = time.perf_counter() - t
        assert draft.items.count() == args.items
        print(f"导入到草稿：{import_s:.2f} s")

        t = time.perf_counter()
        version = do_publish_version(draft, actor=actor, effective_date=__import__("datetime").date(2026, 1, 1))
        publish_s = time.perf_counter() - t
        print(f"发布：{publish_s:.3f} s（第 {version.number} 版）")

        client = Client()
        timings: dict[str, list[float]] = {}
        for label, url in (
            ("公示页（第 1 页）", f"/public/lists/{owner.region_code}/"),
            ("公示页（第 50 页）", f"/public/lists/{owner.region_code}/?page=50"),
            ("公示页（按类别）", f"/public/lists/{owner.region_code}/?category=assist"),
            ("公示页（搜索“走访”）", f"/public/lists/{owner.region_code}/?q=走访"),
            ("事项页", f"/public/lists/{owner.region_code}/items/B-02500/"),
        ):
            client.get(url)  # warm-up
            runs = []
            for _ in range(args.requests):
                t = time.perf_counter()
                response = client.get(url)
                runs.append((time.perf_counter() - t) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            timings[label] = runs
        for label, runs in timings.items():
            print(f"{label}：中位数 {statistics.median(runs):.0f} ms，最大 {max(runs):.0f} ms（{len(runs)} 次）")
        assert selectors.current_version(owner) == version
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
