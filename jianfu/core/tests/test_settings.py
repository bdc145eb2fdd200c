"""Production settings come from the environment and pass Django's deployment checks."""

from __future__ import annotations

import os
import subprocess
import sys

PRODUCTION_ENV = {
    "JIANFU_SECRET_KEY": "k" * 20 + "-production-secret-key-for-the-check-0123456789abcdef",
    "JIANFU_ALLOWED_HOSTS": "jianfu.hanyin.gov.cn",
    "JIANFU_DATABASE_URL": "sqlite:///:memory:",
    "JIANFU_FIELD_KEY": "0rBEFx0K1xAj5xq0Ao1KKqAlgcYBsyr1t0Fq5JmQnJA=",
}


def run_django(args: list[str], extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIANFU_", "DJANGO_"))}
    env.update({"DJANGO_SETTINGS_MODULE": "jianfu.settings", **extra_env})
    return subprocess.run([sys.executable, "-m", "django", *args], env=env, capture_output=True, text=True, timeout=120)


def test_production_settings_pass_check_deploy_with_no_warnings(tmp_path):
    result = run_django(
        ["check", "--deploy", "--fail-level", "WARNING"], {**PRODUCTION_ENV, "JIANFU_DATA_DIR": str(tmp_path)}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "JIANFU_SECRET_KEY"}
    result = run_django(["check"], {**env, "JIANFU_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0 and "JIANFU_SECRET_KEY must be set" in result.stderr


def test_debug_is_off_unless_asked_for(tmp_path):
    code = "from django.conf import settings; print(settings.DEBUG, settings.SESSION_COOKIE_SECURE)"
    env = {**PRODUCTION_ENV, "JIANFU_DATA_DIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith(("JIANFU_", "DJANGO_"))},
            "DJANGO_SETTINGS_MODULE": "jianfu.settings",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.strip()
    assert out == "False True"


def test_the_demo_keeps_a_generated_secret_key_in_its_data_directory(tmp_path):
    env = {"JIANFU_DEMO": "1", "JIANFU_DATA_DIR": str(tmp_path)}
    first = run_django(["shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)"], env).stdout
    second = run_django(["shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)"], env).stdout
    assert first == second and len(first.strip()) > 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_commands_on_the_demo_data_run_in_demo_mode_but_a_production_key_wins(tmp_path):
    (tmp_path / "DEMO").write_text("demo")
    code = ["shell", "-c", "from django.conf import settings; print(settings.DEMO_MODE)"]
    assert run_django(code, {"JIANFU_DATA_DIR": str(tmp_path)}).stdout.strip().endswith("True")
    production = run_django(code, {**PRODUCTION_ENV, "JIANFU_DATA_DIR": str(tmp_path)}).stdout.strip()
    assert production.endswith("False")


def test_the_cli_explains_a_missing_secret_key_in_chinese(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIANFU_", "DJANGO_"))}
    result = subprocess.run(
        [sys.executable, "-m", "jianfu.cli", "token", "nobody"],
        env={**env, "JIANFU_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "配置有误" in result.stderr and "Traceback" not in result.stderr


def test_production_refuses_to_start_without_a_field_key(tmp_path):
    """A key derived from the secret key would silently make every stored phone unreadable the
    day the secret key is rotated (issue 20, point 4: FIELD_KEY was found unset silently)."""
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "JIANFU_FIELD_KEY"}
    result = run_django(["check"], {**env, "JIANFU_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0 and "JIANFU_FIELD_KEY must be set" in result.stderr


def test_production_refuses_a_malformed_field_key(tmp_path):
    env = {**PRODUCTION_ENV, "JIANFU_FIELD_KEY": f"{PRODUCTION_ENV['JIANFU_FIELD_KEY']},not-a-key"}
    result = run_django(["check"], {**env, "JIANFU_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0 and "entry 2 is not a Fernet key" in result.stderr
