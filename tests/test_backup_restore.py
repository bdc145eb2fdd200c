"""`jianfu backup` and `jianfu restore` on the test database (SQLite or PostgreSQL, whichever the
run uses): back up, change and wipe, restore, and compare every row and every uploaded file."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps

from jianfu import cli
from jianfu.admission.models import Application
from tests.permission_scene import _application

pytestmark = pytest.mark.django_db(transaction=True)


def rows() -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for model in apps.get_models():
        if model._meta.managed and not model._meta.proxy:
            out[model._meta.label] = list(model._base_manager.order_by("pk").values_list())
    return out


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path / "data"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def saved(world: Any, media: Path, tmp_path: Path, capsys: Any) -> tuple[Path, dict[str, Any], dict[str, bytes]]:
    """A world with an application and its uploaded attachment, backed up through the CLI."""
    _application(world)
    (media / "notes").mkdir(parents=True)
    (media / "notes" / "说明.txt").write_text("备份中的上传文件", encoding="utf-8")
    archive = tmp_path / "jianfu.tar.gz"
    assert cli.main(["backup", str(archive)]) == 0
    assert "备份完成" in capsys.readouterr().out
    return archive, rows(), files(media)


def change_everything(world: Any, media: Path) -> None:
    app = Application.objects.get()
    Application.objects.filter(pk=app.pk).update(title="恢复前被改掉的标题")
    _application(world, title="备份之后才建的申请")  # new rows and a new uploaded file
    for path in media.rglob("*.txt"):
        path.unlink()


def test_a_restore_brings_back_every_row_and_every_uploaded_file(world, media, saved, capsys):
    archive, rows_then, files_then = saved
    assert any(name.endswith(".pdf") for name in files_then), "the attachment is a real file in the uploads"
    change_everything(world, media)
    assert rows() != rows_then and files(media) != files_then

    assert cli.main(["restore", str(archive), "--yes"]) == 0
    assert "已恢复" in capsys.readouterr().out
    assert rows() == rows_then
    assert files(media) == files_then
    assert Application.objects.get().title.startswith("权限表测试")


def test_a_restore_without_yes_changes_nothing(world, media, saved, capsys):
    archive, _, _ = saved
    change_everything(world, media)
    before, before_files = rows(), files(media)
    assert cli.main(["restore", str(archive)]) == 2
    assert "--yes" in capsys.readouterr().err
    assert rows() == before and files(media) == before_files


@pytest.mark.parametrize("damage", ["truncated", "corrupt", "tampered", "not an archive"])
def test_a_damaged_archive_is_refused_in_chinese_and_changes_nothing(world, media, saved, capsys, tmp_path, damage):
    archive, _, _ = saved
    data = archive.read_bytes()
    bad = tmp_path / "bad.tar.gz"
    if damage == "truncated":
        bad.write_bytes(data[: len(data) // 2])
    elif damage == "corrupt":
        middle = len(data) // 2
        bad.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :])
    elif damage == "tampered":  # a well-formed archive whose upload differs from its manifest
        with tarfile.open(archive) as src, tarfile.open(bad, "w:gz") as dst:
            for member in src.getmembers():
                content = src.extractfile(member).read()  # type: ignore[union-attr]
                if member.name.endswith(".txt"):
                    content = "被篡改的内容".encode()
                    member.size = len(content)
                dst.addfile(member, io.BytesIO(content))
    else:
        bad.write_text("这不是备份文件", encoding="utf-8")
    change_everything(world, media)
    before, before_files = rows(), files(media)

    assert cli.main(["restore", str(bad), "--yes"]) == 1
    message = capsys.readouterr().err
    assert "备份文件已损坏或不完整" in message and "未做任何更改" in message
    if damage == "tampered":
        assert "校验和不符" in message
    assert rows() == before and files(media) == before_files


def test_the_manifest_names_the_engine_the_migrations_and_each_files_checksum(saved, world):
    archive, _, files_then = saved
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    assert manifest["engine"] in ("sqlite", "postgresql")
    assert "admission.0001_initial" in manifest["migrations"]
    media_entries = {name[len("media/") :] for name in manifest["files"] if name.startswith("media/")}
    assert media_entries == set(files_then)
    assert all(len(facts["sha256"]) == 64 for facts in manifest["files"].values())
