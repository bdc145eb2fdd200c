"""Bad input when submitting a draft: a Chinese message, nothing saved (no row, no file), never a 500."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.drafts.models import Draft, DraftClause, DraftFile

from . import samples
from .helpers import TITLE, future, submit

pytestmark = pytest.mark.django_db


def _post(client: Any, **fields: Any) -> Any:
    data = {"title": TITLE, "affairs": "government", "issue_date": future(), **fields}
    return client.post("/drafts/new/", data)


def _nothing_saved() -> None:
    assert not Draft.objects.exists() and not DraftClause.objects.exists() and not DraftFile.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("扫描件.pdf", samples.scanned_pdf_bytes(), "该PDF无可识别文字"),
        ("大文件.pdf", b"%PDF-1.4\n" + b"0" * (25 * 1024 * 1024), "过大"),
        ("通知.docx", samples.zip_bomb_docx(), "压缩炸弹"),
        ("通知.docx", samples.PNG, "不是有效的 Word（.docx）文件"),
        ("空.txt", b"   \n", "没有可审核的文字"),
        ("乱码.txt", b"\x00\x01\x02" * 50, "不是文本文件"),
    ],
    ids=["scanned-pdf", "25mb", "zip-bomb", "renamed-image", "empty-txt", "binary-txt"],
)
def test_a_bad_file_is_refused_on_the_form_and_nothing_is_saved(
    client_for: Any, name: str, data: bytes, message: str
) -> None:
    r = _post(client_for("dept_officer"), file=SimpleUploadedFile(name, data))
    assert r.status_code == 200 and message in r.content.decode()
    _nothing_saved()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": ""}, "请上传文稿"),
        ({"text": "。。，，"}, "没有可审核的文字"),
        ({"issue_date": "2020-01-01", "text": samples.NOTICE}, "不能早于今天"),
        ({"issue_date": "9999-01-01", "text": samples.NOTICE}, "日期"),
        ({"affairs": "military", "text": samples.NOTICE}, "选择"),
        ({"title": "   ", "text": samples.NOTICE}, "必填"),
    ],
    ids=["no-body", "no-text", "past-date", "far-date", "bad-affairs", "blank-title"],
)
def test_bad_fields_are_refused_with_a_chinese_message(client_for: Any, fields: dict, message: str) -> None:
    r = _post(client_for("dept_officer"), **fields)
    assert r.status_code == 200 and message in r.content.decode()
    _nothing_saved()


def test_both_a_file_and_pasted_text_is_refused(client_for: Any) -> None:
    r = _post(
        client_for("dept_officer"), text=samples.NOTICE, file=SimpleUploadedFile("通知.docx", samples.docx_bytes())
    )
    assert "二者选其一" in r.content.decode()
    _nothing_saved()


def test_a_draft_in_traditional_characters_is_stored_simplified(world: Any) -> None:
    draft = submit(world, text="各村（居）委會須在12月3日上午前將調查匯總表報各鄉（鎮）。")
    assert draft.converted and "委会须" in draft.text and draft.flagged_count == 1


def test_the_api_refuses_bad_json_and_a_forged_id(world: Any, api_client_for: Any) -> None:
    client = api_client_for("dept_officer")
    r = client.post("/api/v1/drafts", "{not json", content_type="application/json")
    assert r.status_code == 400 and "JSON" in r.json()["detail"]
    r = client.post("/api/v1/drafts", {"title": TITLE, "affairs": "government", "issue_date": "明天", "text": "x"},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 400 and r.json()["field"] == "issue_date"
    assert client.get("/api/v1/drafts/999999").status_code == 404
    assert client.get("/drafts/abc/").status_code == 404
    _nothing_saved()


def test_a_decision_on_the_api_with_an_unknown_value_is_refused(world: Any, api_client_for: Any) -> None:
    draft = submit(world)
    r = api_client_for("county_mzj").post(f"/api/v1/drafts/{draft.pk}/decision", {"decision": "approve"},
                                          content_type="application/json")  # fmt: skip
    assert r.status_code == 400 and r.json()["field"] == "decision"
    assert Draft.objects.get(pk=draft.pk).state == "submitted"
