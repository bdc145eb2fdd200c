"""Sign-in and audit-log benchmark (issue 20 points 1-2).

    ./jianfu.sh bench signin_bench            (SQLite in a temporary directory)
    JIANFU_DATABASE_URL=postgres://… ./jianfu.sh bench signin_bench

Measures: the row-locked failure count (``login_guard.reserve``) p50/p95 one at a time; 40 threads
guessing one account at once (how many reach the password check: must be the limit, 5); the
auditor's page query and the Excel export over 5,000 audit entries of one county.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
if not os.environ.get("JIANFU_DATABASE_URL"):
    os.environ["JIANFU_DATA_DIR"] = tempfile.mkdtemp(prefix="jianfu-signin-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jianfu.settings")
os.environ.setdefault("JIANFU_DEMO", "1")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

call_command("migrate", verbosity=0)

from jianfu.core import audit  # noqa: E402
from jianfu.orgs import auditlog, login_guard  # noqa: E402
from jianfu.orgs.actions import do_create_org, do_create_user  # noqa: E402
from jianfu.orgs.choices import OrgKind, Role  # noqa: E402
from jianfu.orgs.models import LoginAttempt, Org, User  # noqa: E402

COUNTY = "610997"
ENTRIES = 5000


def ms(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[int(len(values) * 0.95) - 1]
    return f"p50 {statistics.median(values) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"


def build() -> User:
    county = Org.objects.filter(code=COUNTY).first()
    if county is None:
        city = Org.objects.filter(code="610900").first() or do_create_org(
            actor=None, code="610900", name="安康市", kind=OrgKind.CITY, parent=None
        )
        county = do_create_org(actor=None, code=COUNTY, name="基准县", kind=OrgKind.COUNTY, parent=city)
    auditor = User.objects.filter(username="bench_auditor").first() or do_create_user(
        actor=None, username="bench_auditor", full_name="审计", org=county, role=Role.AUDITOR,
        password="Bench-password-2026", _skip_password_validation=True,
    )  # fmt: skip
    have = audit.AuditEntry.objects.filter(region_code=COUNTY).count()
    for i in range(have, ENTRIES):
        audit.record(auditor, "bench.event", county, after={"i": i})
    return auditor


def main() -> None:
    auditor = build()
    LoginAttempt.objects.all().delete()
    times = []
    for i in range(300):
        start = time.perf_counter()
        login_guard.reserve(f"user{i % 50}", f"10.9.{i % 7}.1")
        times.append(time.perf_counter() - start)
    print(f"reserve (one at a time, 300 calls): {ms(times)}")

    LoginAttempt.objects.all().delete()
    passed: list[bool] = []
    barrier = threading.Barrier(40)

    def guess() -> None:
        barrier.wait()
        passed.append(login_guard.reserve("target", "10.8.0.1"))
        connection.close()

    start = time.perf_counter()
    threads = [threading.Thread(target=guess) for _ in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - start
    print(f"40 parallel guesses: {passed.count(True)} reached the password check (limit 5), {took:.2f} s")

    start = time.perf_counter()
    entries = auditlog.audit_log(auditor)
    first = list(entries[:50])
    print(
        f"audit log page (50 of {entries.count()}): {(time.perf_counter() - start) * 1000:.1f} ms ({len(first)} rows)"
    )
    start = time.perf_counter()
    import io

    buffer = io.BytesIO()
    auditlog.workbook(entries).save(buffer)
    took, size = time.perf_counter() - start, len(buffer.getvalue()) // 1024
    print(f"audit log Excel of {entries.count()} entries: {took:.2f} s, {size} KB")


if __name__ == "__main__":
    main()
