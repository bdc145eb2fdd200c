"""Draft-scan benchmark: a 20-page draft (~15,000 characters) scanned against a published list.

    ./jianfu bench drafts_bench            (SQLite in a temporary directory)

Loads the demo county (its published lists), builds a realistic 15,000-character notice from real
notices' sentences (bench/drafts_devset) padded with ordinary policy prose, and times
``service.scan_text`` — traditional-to-simplified conversion, clause splitting, classification and
one gate call per flagged clause — cold (first call, gate index built) and warm (p50/max of 5).
Target (issue 11): under 2 s on this machine.
"""

from __future__ import annotations

import csv
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
if not os.environ.get("JIANFU_DATABASE_URL"):
    os.environ["JIANFU_DATA_DIR"] = tempfile.mkdtemp(prefix="jianfu-drafts-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jianfu.settings")
os.environ.setdefault("JIANFU_DEMO", "1")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)

from jianfu.core import demo  # noqa: E402
from jianfu.drafts import service  # noqa: E402
from jianfu.orgs.choices import OrgKind  # noqa: E402
from jianfu.orgs.models import Org  # noqa: E402

TARGET_CHARS = 15_000


def build_draft() -> str:
    rows = list(
        csv.DictReader((Path(__file__).parent / "drafts_devset" / "clauses.tsv").open(encoding="utf-8"), delimiter="\t")
    )
    sentences = [r["text"] for r in rows]
    parts, n, i = ["各乡（镇）人民政府，县直各部门，各村（社区）：", "一、总体要求"], 0, 0
    while sum(len(p) for p in parts) < TARGET_CHARS:
        if i % 12 == 0:
            n += 1
            parts.append(f"（{'一二三四五六七八九十'[n % 10]}）工作要求")
        parts.append(sentences[i % len(sentences)])
        i += 1
    return "\n".join(parts)


def main() -> None:
    demo.load_all()  # the demo county with its published lists
    county = Org.objects.filter(kind=OrgKind.COUNTY).order_by("code").first()
    text = build_draft()
    print(f"draft: {len(text)} characters; county: {county.name if county else '(none: no gate)'}")
    t0 = time.perf_counter()
    result = service.scan_text(text, county=county)
    cold = time.perf_counter() - t0
    warm = []
    for _ in range(5):
        t0 = time.perf_counter()
        service.scan_text(text, county=county)
        warm.append(time.perf_counter() - t0)
    print(f"clauses: {len(result.clauses)}, flagged: {len(result.flagged)}")
    print(f"scan cold: {cold:.3f} s; warm p50: {statistics.median(warm):.3f} s, max: {max(warm):.3f} s (target < 2 s)")


if __name__ == "__main__":
    main()
