"""The deployment examples in docs/deploy/ are valid as shipped: nginx accepts the site, systemd
accepts the units, and every variable of the environment file is documented."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from jianfu.core.tests.test_proxy import _self_signed

REPO = Path(__file__).resolve().parents[3]
DEPLOY = REPO / "docs" / "deploy"


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")
def test_nginx_accepts_the_example_site(tmp_path):
    cert, key = _self_signed(tmp_path)
    site = (DEPLOY / "nginx-jianfu.conf").read_text()
    site = site.replace("/etc/ssl/jianfu/jianfu.pem", str(cert)).replace("/etc/ssl/jianfu/jianfu.key", str(key))
    site = site.replace("/var/log/nginx/", f"{tmp_path}/")
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log warn;\nevents {{ worker_connections 64; }}\n"
        f"http {{\n client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy;\n"
        f" include {tmp_path}/site.conf;\n}}\n"
    )
    nginx = shutil.which("nginx") or "nginx"
    result = subprocess.run([nginx, "-t", "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_accepts_the_units_and_timers(tmp_path):
    units = sorted([*DEPLOY.glob("*.service"), *DEPLOY.glob("*.timer")])
    assert {u.name for u in units} >= {"jianfu.service", "jianfu-daily.service", "jianfu-daily.timer"}
    for unit in units:  # /opt/jianfu is the documented install path; here it is this checkout
        (tmp_path / unit.name).write_text(unit.read_text().replace("/opt/jianfu", str(REPO)))
    analyze = shutil.which("systemd-analyze") or "systemd-analyze"
    result = subprocess.run(
        [analyze, "verify", "--man=no", *(str(tmp_path / u.name) for u in units)],
        capture_output=True, text=True, env={"SYSTEMD_LOG_LEVEL": "warning", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_daily_timer_runs_every_scheduled_command():
    daily = (DEPLOY / "jianfu-daily.service").read_text()
    for command in ("manage sweep_deadlines", "manage forms_reminders", "audit verify"):
        assert f"/opt/jianfu/.venv/bin/jianfu {command}" in daily


def test_every_variable_of_the_example_environment_is_documented():
    documented = (REPO / "docs" / "configuration.md").read_text()
    names = re.findall(r"^#?(JIANFU_[A-Z_]+)=", (DEPLOY / "jianfu.env").read_text(), re.M)
    assert names and [n for n in names if f"`{n}`" not in documented] == []
