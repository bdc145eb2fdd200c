"""`jianfu backup` / `jianfu restore`: the database and the uploads folder in one checked archive.

The archive is a gzip'd tar holding ``manifest.json`` (format, time, database engine, the applied
migrations, and every other member's size and SHA-256), the database — an SQLite copy taken with
SQLite's online backup API, or a PostgreSQL ``pg_dump`` custom-format dump — and ``media/`` (the
uploads). The platform may keep serving while a backup is taken.

A restore reads and checks the whole archive before it touches anything: a corrupt, truncated or
tampered file, or one from the other database engine, is refused with a Chinese message and
nothing is changed. Then the database is replaced in one step (SQLite's backup API into the live
file; ``pg_restore --clean --single-transaction``) and the uploads folder is swapped by renames.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

FORMAT = "jianfu-backup/1"
MANIFEST = "manifest.json"
SQLITE_NAME = "database.sqlite3"
PG_NAME = "database.pgdump"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; ``message`` is for the operator, in Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Summary:
    path: Path
    engine: str
    files: int
    created_at: str


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"不支持的数据库类型：{vendor}。")
    return vendor


def _workspace() -> Path:
    """Scratch space beside the data (dumps and uploads may not fit a small /tmp)."""
    path = Path(settings.DATA_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env_args() -> tuple[dict[str, str], list[str]]:
    db = connection.settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return env, [*args, "--dbname", str(db["NAME"])]


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    try:
        # a fixed program (pg_dump/pg_restore) with arguments from our own settings, no shell
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)  # noqa: S603
    except FileNotFoundError as exc:
        raise BackupError(f"找不到 {command[0]}（请安装 PostgreSQL 客户端，版本不低于服务器）。") from exc
    if result.returncode != 0:
        raise BackupError(f"{what}失败：{result.stderr.strip()[-500:]}")


def _dump_database(engine: str, workdir: Path) -> Path:
    if engine == "sqlite":
        target = workdir / SQLITE_NAME
        source = sqlite3.connect(str(connection.settings_dict["NAME"]))
        dest = sqlite3.connect(str(target))
        try:
            with dest:
                source.backup(dest)  # a consistent copy while others keep writing
        finally:
            dest.close()
            source.close()
        return target
    target = workdir / PG_NAME
    env, args = _pg_env_args()
    _run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), *args], env, "导出数据库"
    )
    return target


def _migrations() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [f"{app}.{name}" for app, name in cursor.fetchall()]


def create_backup(path: Path | None = None) -> Summary:
    """Write a backup archive to ``path`` (default: DATA_DIR/backups/jianfu-<time>.tar.gz)."""
    engine = _engine()
    now = timezone.now()
    if path is None:
        path = Path(settings.DATA_DIR) / "backups" / f"jianfu-{timezone.localtime(now):%Y%m%d-%H%M%S}.tar.gz"
    path.parent.mkdir(parents=True, exist_ok=True)
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="jianfu-backup-", dir=_workspace()) as tmp:
        database = _dump_database(engine, Path(tmp))
        members: list[tuple[str, Path]] = [(database.name, database)]
        if media.is_dir():
            for file in sorted(p for p in media.rglob("*") if p.is_file() and not p.is_symlink()):
                members.append((f"media/{file.relative_to(media).as_posix()}", file))
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "created_at": now.isoformat(),
            "engine": engine,
            "migrations": _migrations(),
            "files": {name: {"size": file.stat().st_size, "sha256": _sha256(file)} for name, file in members},
        }
        manifest_file = Path(tmp) / MANIFEST
        manifest_file.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        partial = path.with_name(path.name + ".part")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(manifest_file, arcname=MANIFEST)
            for name, file in members:
                tar.add(file, arcname=name)
        partial.replace(path)  # never leave a half-written archive under the real name
    return Summary(path=path, engine=engine, files=len(members) - 1, created_at=manifest["created_at"])


def _corrupt(detail: str) -> BackupError:
    return BackupError(f"备份文件已损坏或不完整（{detail}），未做任何更改。")


def _unpack(archive: Path, into: Path) -> dict[str, Any]:
    """Extract and check every member against the manifest; BackupError before anything changes."""
    if not archive.is_file():
        raise BackupError(f"找不到备份文件：{archive}。")
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(into, filter="data")  # refuses absolute paths, "..", links outside, devices
    except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
        raise _corrupt(f"无法解包：{type(exc).__name__}") from exc
    try:
        manifest = json.loads((into / MANIFEST).read_text(encoding="utf-8"))
        files = dict(manifest["files"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise _corrupt("缺少或无法读取 manifest.json") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"不是本平台的备份文件（格式 {manifest.get('format')!r}），未做任何更改。")
    present = {p.relative_to(into).as_posix() for p in into.rglob("*") if p.is_file()} - {MANIFEST}
    if present != set(files):
        raise _corrupt(f"文件清单不符：多出 {len(present - set(files))} 个，缺少 {len(set(files) - present)} 个")
    for name, facts in files.items():
        file = into / name
        if file.stat().st_size != facts.get("size") or _sha256(file) != facts.get("sha256"):
            raise _corrupt(f"{name} 校验和不符")
    return manifest


def _restore_database(engine: str, workdir: Path) -> None:
    if engine == "sqlite":
        connections.close_all()
        source = sqlite3.connect(str(workdir / SQLITE_NAME))
        dest = sqlite3.connect(str(connection.settings_dict["NAME"]), timeout=30)
        try:
            source.backup(dest)  # replaces every page of the live file in one step
        finally:
            dest.close()
            source.close()
        return
    connections.close_all()
    env, args = _pg_env_args()
    _run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
         "--exit-on-error", *args, str(workdir / PG_NAME)],
        env,
        "恢复数据库",
    )  # fmt: skip


def _swap_media(unpacked: Path) -> None:
    media = Path(settings.MEDIA_ROOT)
    media.parent.mkdir(parents=True, exist_ok=True)
    incoming = Path(tempfile.mkdtemp(prefix=".media-restore-", dir=media.parent))
    source = unpacked / "media"
    if source.is_dir():
        shutil.copytree(source, incoming, dirs_exist_ok=True)
    old = media.with_name(f".media-old-{os.getpid()}")
    try:
        if media.exists():
            media.rename(old)
        incoming.rename(media)
    except OSError:
        # MEDIA_ROOT is a mount point (cannot be renamed): replace its contents instead.
        media.mkdir(parents=True, exist_ok=True)
        for child in media.iterdir():
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
        shutil.copytree(incoming, media, dirs_exist_ok=True)
        shutil.rmtree(incoming, ignore_errors=True)
    media.chmod(0o700)
    shutil.rmtree(old, ignore_errors=True)


def restore_backup(archive: Path) -> Summary:
    """Replace the database and the uploads with the archive's, after checking all of it."""
    engine = _engine()
    with tempfile.TemporaryDirectory(prefix="jianfu-restore-", dir=_workspace()) as tmp:
        workdir = Path(tmp)
        manifest = _unpack(archive, workdir)
        if manifest.get("engine") != engine:
            raise BackupError(
                f"备份来自 {manifest.get('engine')} 数据库，当前为 {engine}，无法直接恢复，未做任何更改。"
            )
        _restore_database(engine, workdir)
        _swap_media(workdir)
    files = sum(1 for name in manifest["files"] if name.startswith("media/"))
    return Summary(path=archive, engine=engine, files=files, created_at=str(manifest.get("created_at", "")))


def describe_age(created_at: str) -> str:
    try:
        return timezone.localtime(dt.datetime.fromisoformat(created_at)).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return created_at
