"""Grid events benchmark: one county with 1,000 grids and 200,000 events in a year; time the unit
ranking and the overdue list (the figures the issue asks to keep under 300 ms on PostgreSQL).

    createdb -h 127.0.0.1 -U postgres jianfu_events_bench
    JIANFU_DATABASE_URL=postgres://postgres@127.0.0.1:5432/jianfu_events_bench \
        ./jianfu.sh bench events_bench --grids 1000 --events 200000
    ./jianfu.sh bench events_bench --grids 100 --events 20000          # SQLite, quick

The county uses the fictitious code 900101 (never a real division): 20 townships, 10 communities
each, grids spread over them, 16 departments. Events are bulk-inserted with realistic shares of
states (80 % closed, 6 % overdue) and rolled up once (``rollups.rebuild``, as
``manage.py rebuild_event_rollups`` does), then each query is run 5 times; the median and the fastest are printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
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
    os.environ.setdefault("JIANFU_DATA_DIR", "/tmp/jianfu-events-bench")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from jianfu.events import rollups, selectors, stats  # noqa: E402
from jianfu.events.actions import do_load_default_categories  # noqa: E402
from jianfu.events.models import Category, Event, Rollup  # noqa: E402
from jianfu.orgs import tree  # noqa: E402
from jianfu.orgs.actions import do_create_org, do_create_user  # noqa: E402
from jianfu.orgs.choices import DeptKind, OrgKind, Role  # noqa: E402
from jianfu.orgs.models import Org, User  # noqa: E402

COUNTY = "900101"
TOWNSHIPS, COMMUNITIES = 20, 10


def build_orgs(n_grids: int) -> tuple[Org, list[Org], list[Org], list[Org]]:
    province = Org.objects.filter(code="900000").first() or do_create_org(
        actor=None, code="900000", name="基准省", kind=OrgKind.PROVINCE, parent=None
    )
    city = Org.objects.filter(code="900100").first() or do_create_org(
        actor=None, code="900100", name="基准市", kind=OrgKind.CITY, parent=province
    )
    county = do_create_org(actor=None, code=COUNTY, name="基准县", kind=OrgKind.COUNTY, parent=city)
    do_create_org(
        actor=None, code=f"{COUNTY}D02", name="基准县民政局", kind=OrgKind.DEPARTMENT, parent=county,
        dept_kind=DeptKind.CIVIL_AFFAIRS,
    )  # fmt: skip
    depts = [
        do_create_org(
            actor=None, code=f"{COUNTY}F{i:02d}", name=f"基准县部门{i}", kind=OrgKind.DEPARTMENT, parent=county
        )
        for i in range(1, 17)
    ]
    communities, grids = [], []
    for t in range(1, TOWNSHIPS + 1):
        town = do_create_org(
            actor=None, code=f"{COUNTY}{t:03d}", name=f"基准镇{t}", kind=OrgKind.TOWNSHIP, parent=county
        )
        for c in range(1, COMMUNITIES + 1):
            communities.append(
                do_create_org(
                    actor=None, code=f"{town.code}{c:03d}", name=f"社区{t}-{c}", kind=OrgKind.COMMUNITY, parent=town
                )
            )
    per = max(1, n_grids // len(communities))
    grids = [
        Org(
            code=tree.grid_code(c.code, g),
            name=f"{c.name}网格{g}",
            kind=OrgKind.GRID,
            parent=c,
            region_code=c.region_code,
        )
        for c in communities
        for g in range(1, per + 1)
    ]
    Org.objects.bulk_create(grids, batch_size=1000)
    grids = list(Org.objects.filter(kind=OrgKind.GRID, parent__in=communities).select_related("parent"))
    do_create_user(
        actor=None, username="bench_mzj", full_name="基准", org=Org.objects.get(code=f"{COUNTY}D02"),
        role=Role.LIST_OWNER, password="Bench-password-2026", _skip_password_validation=True,
    )  # fmt: skip
    return county, communities, grids, depts


def generate(n_events: int, grids: list[Org], depts: list[Org], seed: int = 7) -> None:
    rng = random.Random(seed)
    cats = [c for c in Category.objects.filter(region_code=COUNTY) if not c.children.exists()]
    now = timezone.now()
    year_start = now - dt.timedelta(days=364)
    batch: list[Event] = []
    for i in range(n_events):
        grid = rng.choice(grids)
        community = grid.parent
        received = year_start + dt.timedelta(seconds=rng.randrange(int((now - year_start).total_seconds())))
        deadline = received + dt.timedelta(days=rng.choice([1, 7, 15]))
        roll = rng.random()
        to_dept = rng.random() < 0.35
        holder = rng.choice(depts) if to_dept else community
        state, closed_at, on_time, first_pass, sat = "accepted" if to_dept else "reported", None, None, None, ""
        if roll < 0.8 and deadline < now:
            state = "closed"
            closed_at = received + dt.timedelta(hours=rng.randrange(1, 400))
            on_time = closed_at <= deadline
            first_pass = rng.random() < 0.85
            sat = rng.choice(["satisfied", "satisfied", "basic", "unsatisfied"])
        elif roll < 0.86:
            deadline = now - dt.timedelta(hours=rng.randrange(1, 500))
        else:
            deadline = max(deadline, now + dt.timedelta(hours=rng.randrange(1, 300)))
        batch.append(
            Event(
                region_code=community.region_code, tracking_code=f"B{i:011d}", source="grid", community=community,
                township_id=community.parent_id, grid=grid, category=rng.choice(cats), urgency="normal",
                title=f"基准事件{i}", description="基准事件描述", state=state, holder=holder,
                handler=holder if state == "closed" else None, received_at=received, deadline=deadline,
                handled_at=closed_at, closed_at=closed_at, on_time=on_time, first_pass=first_pass,
                satisfaction=sat, rejections=0 if first_pass is not False else 1,
            )
        )  # fmt: skip
        if len(batch) >= 5000:
            Event.objects.bulk_create(batch)
            batch = []
    if batch:
        Event.objects.bulk_create(batch)


def median_ms(fn, runs: int = 5) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Median and fastest of ``runs`` (on a shared machine the fastest is the closer to unloaded)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--grids", type=int, default=1000)
    parser.add_argument("--events", type=int, default=200_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # pages need the static manifest
    if not Org.objects.filter(code=COUNTY).exists():
        started = time.perf_counter()
        with transaction.atomic():
            county, _communities, grids, depts = build_orgs(args.grids)
            do_load_default_categories(county, actor=None)
            generate(args.events, grids, depts)
        print(
            f"generated {Event.objects.within(COUNTY).count():,} events, {len(grids):,} grids",
            f"in {time.perf_counter() - started:.0f} s",
        )
    if not Rollup.objects.within(COUNTY).exists():  # bulk-inserted events: roll them up once
        started = time.perf_counter()
        rows = rollups.rebuild(COUNTY)
        print(f"rebuilt {rows:,} rollup rows in {time.perf_counter() - started:.1f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE events_event")
                cursor.execute("ANALYZE events_rollup")
    n_grids = Org.objects.filter(kind=OrgKind.GRID, region_code__gte=COUNTY, region_code__lt="900102").count()
    n_events = Event.objects.within(COUNTY).count()
    today = timezone.localdate()
    start = today - dt.timedelta(days=364)
    user = User.objects.get(username="bench_mzj")
    overdue_qs = selectors.overdue(selectors.events_for(user))
    print(f"{connection.vendor}: {n_events:,} events, {n_grids:,} grids")
    figures = {
        "ranking (units, one year)": median_ms(lambda: stats.ranking(COUNTY, start, today)),
        "by grid (one year)": median_ms(lambda: stats.by_grid(COUNTY, start, today)),
        "overdue list (first 50)": median_ms(lambda: list(overdue_qs[:50])),
        "overdue count": median_ms(lambda: overdue_qs.count()),
    }
    client = Client()
    client.force_login(user)
    figures["ranking page"] = median_ms(lambda: client.get("/events/ranking/"))
    figures["overdue page"] = median_ms(lambda: client.get("/events/overdue/"))
    print(f"  {'':28s} {'median':>8s}    {'fastest':>8s}   (load average {os.getloadavg()[0]:.1f})")
    for name, (ms, fastest) in figures.items():
        print(f"  {name:28s} {ms:8.1f} ms {fastest:8.1f} ms")
    print(f"  units ranked: {len(stats.ranking(COUNTY, start, today))}, overdue: {overdue_qs.count():,}")


if __name__ == "__main__":
    main()
