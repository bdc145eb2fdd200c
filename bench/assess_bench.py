"""Assessment benchmark (issue 14): score a round for a county of 300 communities with 30,000
survey answers (target < 5 s), and time the public survey page (target p95 < 100 ms with 50
residents at once).

    ./jianfu.sh bench assess_bench                                   # SQLite
    createdb -h 127.0.0.1 -U postgres jianfu_assess_bench
    JIANFU_DATABASE_URL=postgres://postgres@127.0.0.1:5432/jianfu_assess_bench ./jianfu.sh bench assess_bench

The county uses the fictitious code 900201: 20 townships of 15 communities, each township with its
scheme in scoring (the seven satisfaction indicators, workers' satisfaction, and two data-driven
indicators), 100 codes and 100 answers per community (2 % of them flagged). "Scoring the round" is
``do_compute_scores`` then ``selectors.results`` for every township's scheme. The public page is
timed with Django's test client: GET of the form and POST of an answer (fresh code, own address),
one at a time and then from 50 threads at once.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jianfu.settings")
os.environ.setdefault("JIANFU_SECRET_KEY", "bench-only-" + "x" * 50)
os.environ.setdefault("JIANFU_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("JIANFU_HTTPS", "0")
if "JIANFU_DATABASE_URL" not in os.environ:
    os.environ.setdefault("JIANFU_DATA_DIR", "/tmp/jianfu-assess-bench")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from jianfu.assess import actions, selectors, survey  # noqa: E402
from jianfu.assess.models import Indicator, Scheme, SurveyAnswer, SurveyCode  # noqa: E402
from jianfu.orgs import tree  # noqa: E402
from jianfu.orgs.actions import do_create_org, do_create_user  # noqa: E402
from jianfu.orgs.choices import OrgKind, Role  # noqa: E402
from jianfu.orgs.models import Org, User  # noqa: E402

COUNTY = "900201"
TOWNSHIPS, COMMUNITIES, ANSWERS = 20, 15, 100
WEIGHTS = {
    "home_visits": 12,
    "consultation": 10,
    "services": 10,
    "social_orgs": 6,
    "public_welfare": 6,
    "problems": 12,
    "covenant": 4,
}  # 60 % + workers' satisfaction 10 % + two data-driven items 15 % each


def build(rng: random.Random) -> None:
    """The county, its schemes, codes and answers (answers bulk-inserted)."""
    province = Org.objects.filter(code="900000").first() or do_create_org(
        actor=None, code="900000", name="基准省", kind=OrgKind.PROVINCE, parent=None
    )
    city = Org.objects.filter(code="900200").first() or do_create_org(
        actor=None, code="900200", name="基准市二", kind=OrgKind.CITY, parent=province
    )
    county = do_create_org(actor=None, code=COUNTY, name="基准县二", kind=OrgKind.COUNTY, parent=city)
    year = timezone.localdate().year
    for t in range(1, TOWNSHIPS + 1):
        town = do_create_org(
            actor=None, code=f"{COUNTY}{t:03d}", name=f"基准镇{t}", kind=OrgKind.TOWNSHIP, parent=county
        )
        officer = do_create_user(
            actor=None, username=f"bench_town{t}", full_name="基准", org=town, role=Role.TOWNSHIP_OFFICER,
            password="Bench-password-2026", _skip_password_validation=True,
        )  # fmt: skip
        communities = [
            do_create_org(
                actor=None, code=f"{town.code}{c:03d}", name=f"社区{t}-{c}", kind=OrgKind.COMMUNITY, parent=town
            )
            for c in range(1, COMMUNITIES + 1)
        ]
        scheme = actions.do_create_scheme(actor=officer, year=year, satisfaction_floor=60)
        for key, weight in WEIGHTS.items():
            actions.do_add_indicator(scheme, actor=officer, kind="satisfaction", key=key, weight=weight)
        actions.do_add_indicator(scheme, actor=officer, kind="worker", key="satisfied", weight=10)
        for n, method in enumerate(("events_on_time", "tasks_completed")):
            Indicator.objects.create(
                scheme=scheme, region_code=scheme.region_code, kind="item", title=f"数据指标{n}", weight=15,
                method=method, sort_order=20 + n,
            )  # fmt: skip
        actions.do_open_scoring(scheme, actor=officer)
        for community in communities:
            batch, _codes = survey.do_issue_codes(scheme, actor=officer, community_code=community.code, count=ANSWERS)
            SurveyCode.objects.filter(batch=batch).update(used=True)
            answers = [
                SurveyAnswer(
                    scheme=scheme,
                    community=community,
                    batch=batch,
                    region_code=community.region_code,
                    client_hash=f"{rng.getrandbits(128):032x}",
                    status="flagged" if rng.random() < 0.02 else "counted",
                    **{k: rng.choice((5, 5, 4, 4, 1)) for k in survey.SURVEY_KEYS},
                )
                for _ in range(ANSWERS)
            ]
            SurveyAnswer.objects.bulk_create(answers, batch_size=1000)


def score_round() -> tuple[float, int]:
    started = time.perf_counter()
    rows = 0
    for scheme in Scheme.objects.within(COUNTY).select_related("township").order_by("pk"):
        officer = User.objects.get(org=scheme.township, role=Role.TOWNSHIP_OFFICER)
        actions.do_compute_scores(scheme, actor=officer)
        _indicators, result = selectors.results(scheme)
        rows += len(result)
    return time.perf_counter() - started, rows


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


def page_times(codes: list[str], n: int) -> tuple[list[float], list[float]]:
    client = Client()
    gets, posts = [], []
    answers = dict.fromkeys(survey.SURVEY_KEYS, "5")
    for i, code in enumerate(codes[:n]):
        start = time.perf_counter()
        client.get(f"/public/survey/?c={code}")
        gets.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        response = client.post("/public/survey/", {"code": code, **answers}, REMOTE_ADDR=f"10.9.{i // 250}.{i % 250}")
        posts.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return gets, posts


def concurrent(codes: list[str], threads: int) -> list[float]:
    """Each thread: GET the form, POST an answer (its own code and address)."""
    times: list[float] = []
    lock = threading.Lock()
    answers = dict.fromkeys(survey.SURVEY_KEYS, "4")
    barrier = threading.Barrier(threads)

    def resident(i: int, code: str) -> None:
        client = Client()
        barrier.wait()
        for method in ("get", "post"):
            start = time.perf_counter()
            if method == "get":
                client.get(f"/public/survey/?c={code}")
            else:
                client.post("/public/survey/", {"code": code, **answers}, REMOTE_ADDR=f"10.8.0.{i}")
            with lock:
                times.append((time.perf_counter() - start) * 1000)
        connection.close()

    pool = [threading.Thread(target=resident, args=(i, c)) for i, c in enumerate(codes[:threads])]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--threads", type=int, default=50)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    if not Org.objects.filter(code=COUNTY).exists():
        started = time.perf_counter()
        with transaction.atomic():
            build(random.Random(14))
        print(f"generated in {time.perf_counter() - started:.0f} s")
    n_answers = SurveyAnswer.objects.within(COUNTY).count()
    n_communities = tree.grassroots_of(Org.objects.get(code=COUNTY)).count()
    print(f"{connection.vendor}: {n_communities} communities, {n_answers:,} survey answers")
    runs = [score_round() for _ in range(3)]
    seconds = statistics.median(r[0] for r in runs)
    print(f"  score the round (compute + results, all townships): {seconds:.2f} s (median of 3), rows {runs[0][1]}")
    # plain codes are not stored: make fresh ones for the page timing
    scheme = Scheme.objects.within(COUNTY).order_by("pk").first()
    assert scheme is not None
    officer = User.objects.get(org=scheme.township, role=Role.TOWNSHIP_OFFICER)
    community = tree.grassroots_of(scheme.township).order_by("code").first()
    assert community is not None
    _batch, codes = survey.do_issue_codes(
        scheme, actor=officer, community_code=community.code, count=args.requests + args.threads
    )
    gets, posts = page_times(codes, args.requests)
    print(f"  public page GET  p50 {statistics.median(gets):6.1f} ms  p95 {p95(gets):6.1f} ms  (n={len(gets)})")
    print(f"  public page POST p50 {statistics.median(posts):6.1f} ms  p95 {p95(posts):6.1f} ms  (n={len(posts)})")
    both = concurrent(codes[args.requests :], args.threads)
    print(
        f"  {args.threads} residents at once (GET+POST): p50 {statistics.median(both):6.1f} ms  p95 {p95(both):6.1f} ms"
    )


if __name__ == "__main__":
    main()
