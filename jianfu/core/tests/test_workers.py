"""`jianfu serve` with JIANFU_WORKERS=2 (issue 17 point 2): two real server processes on one port,
each answering, a killed one replaced, and all of them gone after SIGTERM to the parent."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> set[int]:
    out = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.add(int(entry.name))
    return out


def _get(port: int, path: str = "/healthz") -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    finally:
        conn.close()


def _until(check, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(what)


def test_two_worker_processes_share_the_port_and_are_supervised(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIANFU_") and k != "DJANGO_SETTINGS_MODULE"}
    env.update(JIANFU_TESTING="1", JIANFU_SECRET_KEY="workers-test-" + "x" * 50, JIANFU_DATA_DIR=str(tmp_path),
               JIANFU_ALLOWED_HOSTS="127.0.0.1", JIANFU_WORKERS="2", JIANFU_THREADS="2")  # fmt: skip
    subprocess.run([sys.executable, "-m", "jianfu.cli", "migrate"], cwd=REPO, env=env, check=False,
                   capture_output=True)  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-c", "import sys; from jianfu.cli import main; sys.exit(main(sys.argv[1:]))",
         "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        _until(lambda: len(_children(server.pid)) == 2 and _get(port) == 200, "two workers did not start")
        first = _children(server.pid)
        assert all(_get(port) == 200 for _ in range(20))
        victim = sorted(first)[0]
        os.kill(victim, signal.SIGKILL)
        _until(lambda: len(_children(server.pid) - {victim}) == 2, "a killed worker was not replaced")
        assert _get(port) == 200
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        workers = _children(server.pid) | first
        assert not any(Path(f"/proc/{p}").exists() and "zombie" not in _state(p) for p in workers)
    finally:
        if server.poll() is None:
            server.kill()
        output = server.stdout.read() if server.stdout else ""
    assert "已启动 2 个服务进程" in output


def _state(pid: int) -> str:
    try:
        return (Path(f"/proc/{pid}") / "status").read_text()
    except OSError:
        return "zombie"
