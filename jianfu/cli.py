"""The ``jianfu`` command: demo, serve, migrate, manage, token, assets, backup, restore, test.

jianfu demo [--host H] [--port P]   migrate, load the demo jurisdiction, serve on 127.0.0.1:8000
jianfu serve [--host H] [--port P]  serve the platform (production; waitress)
jianfu migrate                      create or upgrade the database
jianfu manage <command> [...]       any Django management command
jianfu token USERNAME [--name N]    print a new API token for USERNAME
jianfu assets                       copy front-end assets from node_modules into static/vendor
jianfu audit verify                 check the tamper-evident audit chains (exit 1 on a break)
jianfu backup [PATH]                database + uploads into one checked archive (docs/operations.md)
jianfu restore PATH --yes           replace database and uploads with an archive's, after checking it
jianfu notify-deliver               send notifications waiting to go out (cron, every minute)
jianfu messages                     compile the zh-Hans wording catalogue (jianfu/locale)
jianfu test [pytest args]           run the test suite
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

REPO_DIR = Path(__file__).resolve().parent.parent
VENDOR_DIR = Path(__file__).resolve().parent / "static" / "vendor"
# node_modules path -> file name under static/vendor
VENDOR_FILES = {
    "echarts/dist/echarts.min.js": "echarts.min.js",
}


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jianfu.settings")
    import django

    django.setup()


def _manage(*args: str, **options: Any) -> None:
    from django.core.management import call_command

    call_command(*args, **options)


def cmd_migrate(_: argparse.Namespace) -> int:
    """Deployment step: database schema, cache table and collected static files."""
    _setup_django()
    _manage("migrate", "--no-input", verbosity=0)
    _manage("createcachetable", verbosity=0)
    _collectstatic()
    print("数据库与静态文件已就绪。")
    return 0


def _serve(host: str, port: int) -> int:
    from django.conf import settings
    from waitress import serve

    from jianfu.core.proxy import parse_proxies, proxy_app, serve_options
    from jianfu.matching.index import start_warmer
    from jianfu.wsgi import application

    app = proxy_app(application, parse_proxies(settings.TRUSTED_PROXIES))
    print(f"简负平台已启动：http://{host}:{port}/  （按 Ctrl+C 停止）", flush=True)
    if settings.TRUSTED_PROXIES:
        print(f"信任的反向代理：{', '.join(settings.TRUSTED_PROXIES)}", flush=True)
    threads = int(os.environ.get("JIANFU_THREADS", "8"))
    workers = int(os.environ.get("JIANFU_WORKERS", "1"))
    options = {"threads": threads, "ident": "jianfu", **serve_options(settings)}
    if workers <= 1:
        start_warmer()
        serve(app, host=host, port=port, **options)
        return 0
    from jianfu.core import workers as prefork

    def serve_one(sock: socket.socket) -> None:
        start_warmer()  # each worker process keeps its own gate indexes warm
        serve(app, sockets=[sock], **options)

    sock = prefork.listening_socket(host, port)
    return prefork.run(workers, sock, serve_one)


def _collectstatic() -> None:
    from django.conf import settings

    if settings.WHITENOISE_USE_FINDERS:
        return  # demo and development serve static files from the app folders
    _manage("collectstatic", "--no-input", verbosity=0)


def cmd_serve(args: argparse.Namespace) -> int:
    _setup_django()
    from django.conf import settings

    if not settings.WHITENOISE_USE_FINDERS and not (settings.STATIC_ROOT / "staticfiles.json").exists():
        print("正在收集静态文件（首次启动）……", flush=True)
        _collectstatic()
    return _serve(args.host, args.port)


def cmd_demo(args: argparse.Namespace) -> int:
    os.environ["JIANFU_DEMO"] = "1"
    _setup_django()
    from django.conf import settings

    from jianfu.core.demo import load_all

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    settings.DEMO_MARKER.write_text("This data directory holds the Jianfu demo (jianfu demo).\n")
    print("正在准备演示数据库……", flush=True)
    _manage("migrate", "--no-input", verbosity=0)
    _manage("createcachetable", verbosity=0)
    accounts = load_all()
    print(f"\n演示账号（密码均为 {settings.DEMO_PASSWORD}，仅限演示模式）：")
    for account in accounts:
        # Chinese characters take two columns in a terminal; pad names to four characters' width.
        name = account.full_name + "　" * max(0, 4 - len(account.full_name))
        print(f"  {account.username:<12} {name} {account.description}")
    print(f"\n数据目录：{settings.DATA_DIR}")
    if args.no_serve:
        return 0
    return _serve(args.host, args.port)


def cmd_manage(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jianfu.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["jianfu manage", *args.rest])
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    _setup_django()
    from jianfu.core.errors import ActionError
    from jianfu.orgs.actions import do_issue_token
    from jianfu.orgs.models import User

    user = User.objects.filter(username=args.username).first()
    if user is None:
        print(f"用户 {args.username} 不存在。", file=sys.stderr)
        return 2
    try:
        print(do_issue_token(user, actor=None, name=args.name))
    except ActionError as exc:
        print(exc.message, file=sys.stderr)
        return 2
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    """``jianfu audit verify``: check the tamper-evident audit chains (exit 1 on a break)."""
    _setup_django()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    try:
        call_command("audit_verify")
    except CommandError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    _setup_django()
    from jianfu.core.backup import BackupError, create_backup

    try:
        done = create_backup(Path(args.path) if args.path else None)
    except BackupError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    print(f"备份完成：{done.path}（{done.engine} 数据库，{done.files} 个上传文件）")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    _setup_django()
    from jianfu.core.backup import BackupError, describe_age, restore_backup

    if not args.yes:
        print("恢复将用备份替换当前数据库和全部上传文件。请先停止服务，确认后加 --yes 再运行。", file=sys.stderr)
        return 2
    try:
        done = restore_backup(Path(args.path))
    except BackupError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    age = describe_age(done.created_at)
    print(f"已恢复 {age} 的备份（{done.files} 个上传文件）。请运行 jianfu migrate 后再启动服务。")
    return 0


def cmd_notify_deliver(_: argparse.Namespace) -> int:
    """Send e-mail, robot and SMS notifications that are due (jianfu/notify/delivery.py)."""
    _setup_django()
    _manage("notify_deliver")
    return 0


def cmd_messages(_: argparse.Namespace) -> int:
    """Compile the wording catalogue (.po → .mo); see jianfu/core/messages.py."""
    from jianfu.core.messages import compile_catalogues

    for path in compile_catalogues(force=True):
        print(f"已编译：{path.relative_to(REPO_DIR)}")
    return 0


def cmd_assets(_: argparse.Namespace) -> int:
    from jianfu.core.messages import compile_catalogues

    compile_catalogues()
    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    missing = []
    for source, name in VENDOR_FILES.items():
        path = REPO_DIR / "node_modules" / source
        if not path.exists():
            missing.append(source)
            continue
        shutil.copyfile(path, VENDOR_DIR / name)
    if missing:
        print("缺少前端依赖（请先运行 npm ci）：" + "，".join(missing), file=sys.stderr)
        return 1
    return 0


def cmd_test(args: argparse.Namespace) -> int:
    import pytest

    os.environ["JIANFU_TESTING"] = "1"
    return int(pytest.main(["-q", *args.rest]))


def cmd_bench(args: argparse.Namespace) -> int:
    """Run bench/<name>.py (benchmarks are never run by the test command)."""
    import runpy

    script = REPO_DIR / "bench" / f"{args.name}.py"
    if not script.exists():
        names = sorted(p.stem for p in (REPO_DIR / "bench").glob("*.py") if not p.stem.startswith("_"))
        print(f"没有这个基准测试：{args.name}。可用：{', '.join(names)}", file=sys.stderr)
        return 2
    # A benchmark is never a deployment: give it its own data directory (never the demo's database)
    # and bench-only settings unless the operator sets them (e.g. JIANFU_DATABASE_URL for PostgreSQL).
    import tempfile

    os.environ.setdefault("JIANFU_DATA_DIR", str(Path(tempfile.gettempdir()) / "jianfu-bench" / args.name))
    os.environ.setdefault("JIANFU_SECRET_KEY", "bench-only-" + "x" * 50)
    import base64

    os.environ.setdefault("JIANFU_FIELD_KEY", base64.urlsafe_b64encode(b"bench-only-field-key-0123456789!").decode())
    os.environ.setdefault("JIANFU_HTTPS", "0")
    os.environ.setdefault("JIANFU_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    sys.argv = [str(script), *args.rest]
    runpy.run_path(str(script), run_name="__main__")
    return 0


def main(argv: list[str] | None = None) -> int:
    # The database, its WAL files, uploads and keys are the platform's alone (0600 files, 0700
    # directories): residents' personal data must not be readable by other accounts on the host.
    os.umask(0o077)
    parser = argparse.ArgumentParser(prog="jianfu", description="简负：城乡社区减负增效平台")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("demo", help="迁移数据库、载入演示辖区并启动（SQLite）")
    p.add_argument("--host", default=os.environ.get("JIANFU_HOST", "127.0.0.1"))
    p.add_argument("--port", type=int, default=int(os.environ.get("JIANFU_PORT", "8000")))
    p.add_argument("--no-serve", action="store_true", help="只准备数据，不启动服务")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("serve", help="启动服务")
    p.add_argument("--host", default=os.environ.get("JIANFU_HOST", "127.0.0.1"))
    p.add_argument("--port", type=int, default=int(os.environ.get("JIANFU_PORT", "8000")))
    p.set_defaults(func=cmd_serve)

    sub.add_parser("migrate", help="创建或升级数据库").set_defaults(func=cmd_migrate)

    p = sub.add_parser("manage", help="运行 Django 管理命令", add_help=False)
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_manage)

    p = sub.add_parser("token", help="为用户生成新的 API 令牌")
    p.add_argument("username")
    p.add_argument("--name", default="命令行生成")
    p.set_defaults(func=cmd_token)

    sub.add_parser("assets", help="复制前端依赖到静态目录并编译用语目录").set_defaults(func=cmd_assets)
    p = sub.add_parser("audit", help="审计记录：verify 校验审计链")
    p.add_argument("action", choices=["verify"])
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("backup", help="备份数据库和上传文件到一个归档")
    p.add_argument("path", nargs="?", help="归档路径（默认 数据目录/backups/jianfu-时间.tar.gz）")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="从备份归档恢复数据库和上传文件")
    p.add_argument("path")
    p.add_argument("--yes", action="store_true", help="确认替换当前数据")
    p.set_defaults(func=cmd_restore)

    sub.add_parser("notify-deliver", help="发送待发的站外通知（建议每分钟运行）").set_defaults(func=cmd_notify_deliver)
    sub.add_parser("messages", help="编译用语目录（django.po → .mo）").set_defaults(func=cmd_messages)

    p = sub.add_parser("bench", help="运行 bench/ 下的基准测试", add_help=False)
    p.add_argument("name")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("test", help="运行测试", add_help=False)
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_test)

    # argparse's REMAINDER will not take an option as the first extra argument
    # (`jianfu test -q`), so options it does not know are handed to the command in order.
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        if not hasattr(args, "rest"):
            parser.error("无法识别的参数：" + " ".join(unknown))
        args.rest = [*unknown, *args.rest]
    try:
        return int(args.func(args))
    except ImproperlyConfigured as exc:
        print(f"配置有误：{exc}", file=sys.stderr)
        print(
            "生产环境请设置 JIANFU_SECRET_KEY 等环境变量（见 docs/configuration.md）；试用请先运行 jianfu demo。",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
