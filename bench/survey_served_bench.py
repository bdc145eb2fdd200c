"""Served load test of the public survey page (issue 14: "the public survey page under 100 ms p95
at 50 concurrent residents").

    ./jianfu.sh bench survey_served_bench                      # SQLite
    createdb -h 127.0.0.1 -U postgres jianfu_survey_bench
    JIANFU_DATABASE_URL=postgres://postgres@127.0.0.1:5432/jianfu_survey_bench ./jianfu.sh bench survey_served_bench

Unlike ``assess_bench`` (Django's test client, threads in one process), this starts the real
server — ``jianfu serve`` (waitress, JIANFU_THREADS threads, as production runs it) — on a free
port in its own process, with the generated county of ``assess_bench`` (300 communities, 30,000
answers), and drives it over HTTP from 50 client processes (``http.client``, no Django). Each
client plays residents one after another: a new connection, GET ``/public/survey/?c=<code>``
(taking the CSRF cookie and token from the page, as a phone's browser does), then POST the eight
answers with that one-time code; the answer must come back 200 with "提交成功".

Every resident has its own address: the server runs with JIANFU_BEHIND_PROXY=1 and each client
sends X-Forwarded-For as the county's reverse proxy would, so the per-address throttle and the
suspicious-pattern flag work as in production and stay quiet (one answer per household).

Two profiles, both run by default (``--profile``):
- ``residents``: 50 residents at the same time, each reading the page and answering after a
  think time of ``--think`` seconds (default 2–8: eight questions on a phone), then the next one;
  the 50 clients start within the first think time, not in the same instant;
- ``burst``: the same 50 clients with no think time, so 50 requests are always in flight — a
  stress figure, not a use of the page.
Reports p50/p95/max for GET and POST, errors, requests per second, the load average, and checks
in the database that every accepted answer was stored (and none flagged).
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing as mp
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))
os.environ.setdefault("JIANFU_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from assess_bench import COUNTY, build  # noqa: E402  (sets up Django with the bench settings)
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from jianfu.assess import survey  # noqa: E402
from jianfu.assess.models import Scheme, SurveyAnswer  # noqa: E402
from jianfu.orgs import tree  # noqa: E402
from jianfu.orgs.choices import Role  # noqa: E402
from jianfu.orgs.models import Org, User  # noqa: E402

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
ANSWERS = {key: "5" for key in survey.SURVEY_KEYS}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "JIANFU_BEHIND_PROXY": "1"}
    code = (
        f"import sys; from jianfu.cli import main; sys.exit(main(['serve', '--host', '127.0.0.1', '--port', '{port}']))"
    )
    server = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=BENCH.parent)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                for _ in range(5):  # warm: templates loaded and compiled, as on a server that has run a while
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    conn.request("GET", "/public/survey/")
                    conn.getresponse().read()
                return server
        except OSError:
            time.sleep(0.5)
        if server.poll() is not None:
            raise SystemExit(f"server exited with {server.returncode}")
    server.terminate()
    raise SystemExit("server did not answer /healthz within 120 s")


def resident(port: int, code: str, address: str, think: tuple[float, float], rng: random.Random) -> list[tuple]:
    """One resident: GET the page, think, POST the answers. Returns (kind, ms, status, ok) rows."""
    rows = []
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"X-Forwarded-For": address, "X-Forwarded-Proto": "http", "User-Agent": "bench-phone"}
    try:
        start = time.perf_counter()
        conn.request("GET", f"/public/survey/?c={code}", headers=headers)
        response = conn.getresponse()
        body = response.read()
        rows.append(("GET", (time.perf_counter() - start) * 1000, response.status, response.status == 200))
        token = TOKEN.search(body)
        cookie = next(
            (c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or [] if c.startswith("csrftoken=")),
            "",
        )
        if think[1] > 0:
            time.sleep(rng.uniform(*think))
        form = urllib.parse.urlencode(
            {"code": code, "csrfmiddlewaretoken": token.group(1).decode() if token else "", **ANSWERS}
        )
        post_headers = {
            **headers,
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
            "Referer": f"http://127.0.0.1:{port}/public/survey/?c={code}",
        }
        start = time.perf_counter()
        conn.request("POST", "/public/survey/", body=form, headers=post_headers)
        response = conn.getresponse()
        body = response.read()
        ok = response.status == 200 and "提交成功".encode() in body
        rows.append(("POST", (time.perf_counter() - start) * 1000, response.status, ok))
    except OSError as exc:
        rows.append(("ERR", 0.0, 0, False))
        print(f"  client error: {exc}", file=sys.stderr)
    finally:
        conn.close()
    return rows


def address(salt: int, index: int) -> str:
    """Resident ``index``'s address as the proxy reports it: one per household, and a fresh range
    per run (``salt``), so that a run does not meet the previous run's answers in the
    ten-minute window of the suspicious-pattern flag."""
    return f"10.{salt}.{index // 250 % 250}.{index % 250 + 1}"


def client(
    n: int, port: int, codes: list[str], first: int, salt: int, think: tuple[float, float], barrier: Any, out: Any
) -> None:
    rng = random.Random(n)
    barrier.wait()
    if think[1] > 0:
        time.sleep(rng.uniform(0, think[1]))  # residents do not all open the page in the same instant
    rows: list[tuple] = []
    for i, code in enumerate(codes):
        rows += resident(port, code, address(salt, first + i), think, rng)
    out.put(rows)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


def server_cpu(pid: int) -> float:
    """Seconds of CPU the server process has used (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_profile(
    name: str, server_pid: int, port: int, codes: list[str], first: int, clients: int, think: tuple[float, float]
) -> int:
    ctx = mp.get_context("fork")
    barrier, out = ctx.Barrier(clients), ctx.Queue()
    per = len(codes) // clients
    salt = random.SystemRandom().randrange(1, 250)
    procs = [
        ctx.Process(
            target=client,
            args=(n, port, codes[n * per : (n + 1) * per], first + n * per, salt, think, barrier, out),
        )
        for n in range(clients)
    ]
    load_before = os.getloadavg()[0]
    cpu_before = server_cpu(server_pid)
    started = time.perf_counter()
    for p in procs:
        p.start()
    rows: list[tuple] = []
    for _ in procs:
        rows += out.get()
    for p in procs:
        p.join()
    elapsed = time.perf_counter() - started
    cpu_ms = (server_cpu(server_pid) - cpu_before) * 1000
    print(f"  [{name}] {clients} clients, {per} residents each, think {think[0]:g}–{think[1]:g} s, {elapsed:.1f} s")
    for kind in ("GET", "POST"):
        times = [r[1] for r in rows if r[0] == kind]
        if times:
            print(
                f"    {kind:<4} n={len(times):4d}  p50 {statistics.median(times):7.1f} ms  "
                f"p95 {p95(times):7.1f} ms  max {max(times):7.1f} ms"
            )
    errors = [r for r in rows if not r[3]]
    statuses = sorted({r[2] for r in errors})
    print(
        f"    errors {len(errors)}{' (statuses ' + str(statuses) + ')' if errors else ''}; "
        f"{len(rows) / elapsed:.1f} requests/s; load average {load_before:.1f} → {os.getloadavg()[0]:.1f}"
    )
    print(f"    server CPU {cpu_ms / max(len(rows), 1):.1f} ms a request (user+system, whatever the load)")
    return sum(1 for r in rows if r[0] == "POST" and r[3])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--residents", type=int, default=4, help="residents per client in each profile")
    parser.add_argument("--think", default="2-8", help="think time in seconds, e.g. 2-8 (residents profile)")
    parser.add_argument("--profile", choices=("residents", "burst", "both"), default="both")
    args = parser.parse_args()
    low, _sep, high = args.think.partition("-")
    think = (float(low), float(high or low))
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if not Org.objects.filter(code=COUNTY).exists():
        started = time.perf_counter()
        with transaction.atomic():
            build(random.Random(14))
        print(f"generated in {time.perf_counter() - started:.0f} s")
    scheme = Scheme.objects.within(COUNTY).order_by("pk").first()
    assert scheme is not None
    officer = User.objects.get(org=scheme.township, role=Role.TOWNSHIP_OFFICER)
    communities = list(tree.grassroots_of(scheme.township).order_by("code"))
    profiles = ["residents", "burst"] if args.profile == "both" else [args.profile]
    needed = args.clients * args.residents * len(profiles)
    # plain codes are not stored: issue fresh ones, spread over the township's communities
    codes: list[str] = []
    each = -(-needed // len(communities))
    for community in communities:
        codes += survey.do_issue_codes(scheme, actor=officer, community_code=community.code, count=each)[1]
    random.Random(1).shuffle(codes)
    before = SurveyAnswer.objects.filter(scheme=scheme).count()
    flagged_before = SurveyAnswer.objects.filter(scheme=scheme, status="flagged").count()
    print(
        f"{connection.vendor}: {tree.grassroots_of(Org.objects.get(code=COUNTY)).count()} communities, "
        f"{SurveyAnswer.objects.within(COUNTY).count():,} answers; server: jianfu serve (waitress, "
        f"{os.environ.get('JIANFU_THREADS', '8')} threads); {os.cpu_count()} CPUs"
    )
    connection.close()  # the children are forked: they must not share the parent's connection
    port = free_port()
    server = start_server(port)
    try:
        accepted = 0
        per_profile = args.clients * args.residents
        for n, name in enumerate(profiles):
            chunk = codes[n * per_profile : (n + 1) * per_profile]
            pause = think if name == "residents" else (0.0, 0.0)
            accepted += run_profile(name, server.pid, port, chunk, n * per_profile, args.clients, pause)
    finally:
        server.terminate()
        server.wait(timeout=30)
    stored = SurveyAnswer.objects.filter(scheme=scheme).count() - before
    flagged = SurveyAnswer.objects.filter(scheme=scheme, status="flagged").count() - flagged_before
    print(f"  read back: {stored} answers stored for {accepted} accepted POSTs, {flagged} flagged")


if __name__ == "__main__":
    main()
