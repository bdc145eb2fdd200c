"""Province-size burden benchmark: generate orgs and ledger entries, build rollups, time dashboards.

    JIANFU_DATABASE_URL=postgres://postgres@127.0.0.1:5432/jianfu_bench \
        uv run jianfu bench burden_bench --communities 5000 --entries 5000000
    uv run jianfu bench burden_bench --communities 120 --entries 50000   # single county, SQLite

The generated province uses the fictitious code prefix 90 (so it never mixes with real divisions):
cities 9001.., counties 900101.., townships 900101001.., communities 900101001001...
Entries are written with COPY on PostgreSQL (bulk INSERT on SQLite), then the rollups are rebuilt
with the same ``rollups.rebuild`` the management command uses. Timings are medians of 5 runs of
the metrics queries and of the full dashboard pages (Django test client, signed in).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jianfu.settings")
os.environ.setdefault("JIANFU_SECRET_KEY", "bench-only-" + "x" * 50)
os.environ.setdefault("JIANFU_FIELD_KEY", "YmVuY2gtb25seS1maWVsZC1rZXktMDEyMzQ1Njc4OTA=")  # production mode needs one
os.environ.setdefault("JIANFU_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("JIANFU_HTTPS", "0")
if "JIANFU_DATABASE_URL" not in os.environ:
    os.environ.setdefault("JIANFU_DATA_DIR", "/tmp/jianfu-burden-bench")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from jianfu.burden import metrics, rollups  # noqa: E402
from jianfu.burden.models import LedgerEntry, Rollup  # noqa: E402
from jianfu.orgs.models import Org, User  # noqa: E402

KINDS = ["task", "meeting", "inspection", "form", "ledger", "certificate", "plaque", "app", "assessment"]
KIND_W = [25, 15, 8, 22, 10, 14, 1, 3, 2]
START = dt.date(2025, 12, 1)


def shape(n_communities: int) -> tuple[int, int, int, int]:
    """(cities, counties per city, townships per county, communities per township) ≈ n."""
    if n_communities <= 200:
        return 1, 1, max(1, n_communities // 12), 12
    per_township, townships = 15, 12
    cities = max(1, round(n_communities / (per_township * townships * 10)))
    counties = -(-n_communities // (per_township * townships * cities))  # at least n in all
    return cities, counties, townships, per_township


def generate_orgs(n: int) -> tuple[list[tuple[int, str]], dict[str, list[int]], Org, Org]:
    cities, counties, townships, per_township = shape(n)
    orgs: list[Org] = []
    province = Org(code="900000", name="基准省", kind="province", region_code="900000", is_generated=True)
    province.save()
    communities: list[tuple[int, str]] = []
    sources: dict[str, list[int]] = {}
    first_county = None
    for ci in range(cities):
        city = Org.objects.create(
            code=f"90{ci + 1:02d}00",
            name=f"基准市{ci + 1}",
            kind="city",
            parent=province,
            region_code=f"90{ci + 1:02d}00",
            is_generated=True,
        )
        for ki in range(counties):
            code = f"90{ci + 1:02d}{ki + 1:02d}"
            county = Org.objects.create(
                code=code,
                name=f"基准县{ci + 1}-{ki + 1}",
                kind="county",
                parent=city,
                region_code=code,
                is_generated=True,
            )
            first_county = first_county or county
            depts = Org.objects.bulk_create(
                [
                    Org(
                        code=f"{code}D{d:02d}",
                        name=f"{county.name}部门{d}",
                        kind="department",
                        parent=county,
                        region_code=code,
                        dept_kind="mzj" if d == 2 else "functional",
                    )
                    for d in range(1, 13)
                ]
            )
            county_sources = [county.pk] + [d.pk for d in depts]
            for ti in range(townships):
                tcode = f"{code}{ti + 100:03d}"
                township = Org.objects.create(
                    code=tcode,
                    name=f"{county.name}镇{ti + 1}",
                    kind="township",
                    parent=county,
                    region_code=tcode,
                    is_generated=True,
                )
                tdept = Org.objects.create(
                    code=f"{tcode}T01", name=f"{township.name}办", kind="department", parent=township, region_code=tcode
                )
                sources[tcode] = [*county_sources, township.pk, tdept.pk]
                orgs = Org.objects.bulk_create(
                    [
                        Org(
                            code=f"{tcode}{c + 1:03d}",
                            name=f"社区{c + 1}",
                            kind="community",
                            parent=township,
                            region_code=f"{tcode}{c + 1:03d}",
                            is_generated=True,
                            staff_count=6,
                        )
                        for c in range(per_township)
                    ]
                )
                communities += [(o.pk, o.region_code) for o in orgs]
    assert first_county is not None
    return communities, sources, province, first_county


def rows(n: int, communities: list[tuple[int, str]], sources: dict[str, list[int]], rng: random.Random):
    now = dt.datetime.now(dt.UTC).isoformat()
    days = [(START + dt.timedelta(days=d)).isoformat() for d in range(365)]
    for i in range(n):
        pk, code = communities[i % len(communities)]
        src = sources[code[:9]]
        j = rng.randrange(len(src))
        level = (
            "county"
            if j == 0
            else "county_dept"
            if j < len(src) - 2
            else ("township" if j == len(src) - 2 else "township_dept")
        )
        kind = rng.choices(KINDS, KIND_W)[0]
        listed = "\\N" if kind in ("meeting", "inspection") else ("t" if rng.random() < 0.7 else "f")
        yield (code, pk, src[j], level, kind, days[rng.randrange(365)], rng.randrange(10, 180), listed, now)


def load_entries(n: int, communities, sources) -> None:
    rng = random.Random(5)
    table = LedgerEntry._meta.db_table
    cols = (
        "region_code, community_id, source_org_id, source_level, kind, occurred_on, minutes, listed, "
        "source_type, source_id, cert_type, is_veto, note, created_at, updated_at"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                buf = io.StringIO()
                for k, r in enumerate(rows(n, communities, sources, rng)):
                    code, pk, src, level, kind, day, minutes, listed, now = r
                    buf.write(
                        f"{code}\t{pk}\t{src}\t{level}\t{kind}\t{day}\t{minutes}\t{listed}\t\t\t\tf\t\t{now}\t{now}\n"
                    )
                    if k % 100_000 == 99_999:
                        copy.write(buf.getvalue())
                        buf = io.StringIO()
                copy.write(buf.getvalue())
        return
    sql = f"INSERT INTO {table} ({cols}) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,'','','',0,'',%s,%s)"
    batch = []
    with transaction.atomic(), connection.cursor() as cursor:
        for r in rows(n, communities, sources, rng):
            code, pk, src, level, kind, day, minutes, listed, now = r
            batch.append(
                (code, pk, src, level, kind, day, minutes, None if listed == "\\N" else listed == "t", now, now)
            )
            if len(batch) == 50_000:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def timed(fn, runs: int = 5) -> float:
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communities", type=int, default=5000)
    parser.add_argument("--entries", type=int, default=5_000_000)
    parser.add_argument("--reuse", action="store_true", help="reuse data generated by an earlier run")
    args = parser.parse_args()
    print(f"数据库：{connection.vendor}")
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # pages need the static manifest
    if not args.reuse or not Org.objects.filter(code="900000").exists():
        t = time.perf_counter()
        with transaction.atomic():
            Rollup.objects.filter(region_code__startswith="90").delete()
            LedgerEntry.objects.filter(region_code__startswith="90").delete()
            User.objects.filter(username__startswith="bench_").delete()
            Org.objects.filter(code__startswith="90", kind="community").delete()
            for kind in ("department", "township", "county", "city", "province"):
                Org.objects.filter(code__startswith="90", kind=kind).delete()
            communities, sources, province, county = generate_orgs(args.communities)
        print(f"组织：{len(communities)} 个社区，{time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        load_entries(args.entries, communities, sources)
        print(f"台账：{args.entries} 条，写入 {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        n = rollups.rebuild()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"汇总：{n} 行，重建 {time.perf_counter() - t:.1f} s")
    province = Org.objects.get(code="900000")
    county = Org.objects.filter(kind="county", code__startswith="90").order_by("code").first()
    township = Org.objects.filter(parent=county, kind="township").order_by("code").first()
    community = Org.objects.filter(parent=township).order_by("code").first()
    mzj = Org.objects.get(code=f"{county.code}D02")
    users = {}
    for name, org, role in [("bench_prov", province, "sysadmin"), ("bench_county", mzj, "list_owner")]:
        users[name] = User.objects.filter(username=name).first() or User.objects.create(
            username=name, org=org, role=role
        )
    start, end = START, START + dt.timedelta(days=364)
    print(f"台账总数：{LedgerEntry.objects.count()}，汇总行：{Rollup.objects.count()}")
    results = {
        "县级指标查询（metrics + breaches）": timed(
            lambda: (metrics.metrics(county, start, end), metrics.breach_counts(county.region_prefix, start, end))
        ),
        "省级指标查询（metrics + breaches）": timed(
            lambda: (metrics.metrics(province, start, end), metrics.breach_counts(province.region_prefix, start, end))
        ),
    }
    for label, user, url in [
        ("县级看板页面 /burden/", users["bench_county"], f"/burden/?from={start}&to={end}"),
        ("省级看板页面 /burden/", users["bench_prov"], f"/burden/?from={start}&to={end}"),
        ("社区台账下钻页面", users["bench_county"], f"/burden/community/{community.code}/?from={start}&to={end}"),
        ("API 指标（县）", users["bench_county"], f"/api/v1/burden/metrics?region={county.code}&from={start}&to={end}"),
    ]:
        client = Client()
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        results[label] = timed(lambda c=client, u=url: c.get(u))
    for label, ms in results.items():
        print(f"{label}: {ms:.0f} ms（5 次中位数）")


if __name__ == "__main__":
    main()
