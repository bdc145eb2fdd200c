"""A request body above JIANFU_MAX_REQUEST_MB gets a Chinese 413 before anything reads it, on
pages and on the API (issue 20, point 3 — from the last security review)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.drafts.models import Draft

URL = "/api/v1/drafts/scan"
FIFTY_MB = b"%PDF-1.4\n" + b"0" * (50 * 1024 * 1024)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _nothing_saved() -> None:
    assert not Draft.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_a_50_mb_upload_on_a_page_gets_the_chinese_413_page(world, client_for):
    r = client_for("dept_officer").post(
        "/drafts/new/", {"title": "通知", "file": SimpleUploadedFile("大.pdf", FIFTY_MB)}
    )
    assert r.status_code == 413
    page = r.content.decode()
    assert "内容过大" in page and "30 MB" in page
    _nothing_saved()


def test_a_50_mb_upload_on_the_api_gets_a_chinese_json_413(world, api_client_for):
    r = api_client_for("dept_officer").post(URL, {"file": SimpleUploadedFile("大.pdf", FIFTY_MB)})
    assert r.status_code == 413 and "过大" in r.json()["detail"]
    _nothing_saved()


def test_the_cap_is_configurable(world, client_for, settings):
    settings.MAX_REQUEST_BYTES = 1024 * 1024
    r = client_for("dept_officer").post(
        "/drafts/new/", {"title": "通知", "file": SimpleUploadedFile("中.pdf", b"0" * 2 * 1024 * 1024)}
    )
    assert r.status_code == 413 and "1 MB" in r.content.decode()


def test_a_large_urlencoded_body_is_413_not_400(world, client_for, settings):
    """Django's own cap on form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) answers 413 too."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    r = client_for("dept_officer").post("/drafts/new/", {"title": "通" * 2000})
    assert r.status_code == 413
