"""Several server processes on one port (issue 17 point 2: one waitress process uses one core).

``jianfu serve`` with ``JIANFU_WORKERS=N`` (N > 1) opens the listening socket once, then forks N
worker processes that each run waitress on that same socket with ``JIANFU_THREADS`` threads: the
kernel hands each new connection to one of them, so N processes use N cores. The parent only
supervises — it restarts a worker that dies, and on SIGTERM/SIGINT stops them all and exits.

Why fork and not a second server package: waitress is already the production server (pure Python,
no compiler, runs the same on every intranet machine); it serves a pre-opened socket
(``sockets=``), and a pre-fork parent is the classic way to share one (gunicorn and uWSGI do the
same). Each worker opens its own database connections after the fork (they are closed before it).
What stays per process: the Prometheus counters of ``/metrics`` (each scrape sees the worker that
answered it) and in-process caches (gate index, lexicon) — each worker warms its own.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
import time
from collections.abc import Callable

RESTART_PAUSE = 1.0  # seconds before a dead worker is replaced (no busy loop on a crash at start)


def listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    sock.setblocking(False)
    return sock


def run(workers: int, sock: socket.socket, serve_one: Callable[[socket.socket], None]) -> int:
    """Fork ``workers`` processes running ``serve_one(sock)``; supervise until told to stop."""
    from django.db import connections

    connections.close_all()  # a connection must never be shared across a fork
    children: dict[int, int] = {}  # pid -> slot
    stopping = False

    def spawn(slot: int) -> None:
        pid = os.fork()
        if pid == 0:  # the worker
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            try:
                serve_one(sock)
            finally:
                os._exit(0)
        children[pid] = slot

    def stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for slot in range(workers):
        spawn(slot)
    print(f"已启动 {workers} 个服务进程：{', '.join(str(p) for p in children)}", flush=True)
    while children:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        except InterruptedError:
            continue
        slot = children.pop(pid, -1)
        if slot >= 0 and not stopping:
            print(f"服务进程 {pid} 已退出（状态 {status}），{RESTART_PAUSE:g} 秒后重启。", file=sys.stderr, flush=True)
            time.sleep(RESTART_PAUSE)
            if not stopping:
                spawn(slot)
    return 0
