"""POST /api/v1/drafts/scan: text or file in, clauses with findings out, nothing stored."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.models import AuditEntry
from jianfu.core.pdf import cjk_font_available

from . import samples

URL = "/api/v1/drafts/scan"


def _upload(client: Any, name: str, data: bytes) -> Any:
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


def _flagged(body: dict) -> list[dict]:
    return [c for c in body["clauses"] if c["flagged"]]


@pytest.mark.django_db
def test_pasted_text_comes_back_as_clauses_with_the_village_clause_flagged(api_client_for: Any) -> None:
    client = api_client_for("dept_officer")
    kept = AuditEntry.objects.exclude(event_type="auth.token_use")  # the sign-in itself is a security event
    before = kept.count()
    r = client.post(URL, {"text": samples.NOTICE}, content_type="application/json")
    assert r.status_code == 200
    body = r.json()
    flagged = _flagged(body)
    assert len(flagged) == 1
    hit = flagged[0]
    assert hit["kind"] == "form" and hit["verdict"] == "unlisted" and hit["verdict_label"] == "未准入"
    assert hit["rule"].startswith("未入工作事项清单")
    assert hit["estimate"]["communities"] >= 1
    assert hit["estimate"]["total_minutes"] == 90 * hit["estimate"]["communities"]
    assert "申请准入" in hit["fix"]
    assert samples.NOTICE[hit["start"] : hit["end"]] == hit["text"]
    assert kept.count() == before  # nothing kept


@pytest.mark.django_db
def test_a_word_draft_is_read_including_its_tables(api_client_for: Any) -> None:
    r = _upload(api_client_for("dept_officer"), "通知.docx", samples.docx_bytes())
    assert r.status_code == 200
    texts = [c["text"] for c in _flagged(r.json())]
    assert any("各村（居）委会须在12月3日" in t for t in texts)
    assert any("巡查台账" in t for t in texts)


@pytest.mark.skipif(not cjk_font_available(), reason="needs fonts-noto-cjk to make a Chinese PDF")
@pytest.mark.django_db
def test_a_pdf_with_a_text_layer_is_read(api_client_for: Any) -> None:
    r = _upload(api_client_for("dept_officer"), "通知.pdf", samples.pdf_bytes())
    assert r.status_code == 200
    assert any("汇总表" in c["text"] for c in _flagged(r.json()))


@pytest.mark.django_db
def test_a_scanned_pdf_without_text_is_refused_with_a_clear_message(api_client_for: Any) -> None:
    r = _upload(api_client_for("dept_officer"), "扫描件.pdf", samples.scanned_pdf_bytes())
    assert r.status_code == 400
    assert "该PDF无可识别文字" in r.json()["detail"]


@pytest.mark.django_db
def test_a_50_mb_file_is_refused(api_client_for: Any) -> None:
    r = _upload(api_client_for("dept_officer"), "大文件.pdf", b"%PDF-1.4\n" + b"0" * (50 * 1024 * 1024))
    assert r.status_code == 413  # above JIANFU_MAX_REQUEST_MB: refused before the body is read
    assert "过大" in r.json()["detail"]


@pytest.mark.django_db
def test_a_zip_bomb_named_docx_is_refused(api_client_for: Any) -> None:
    r = _upload(api_client_for("dept_officer"), "通知.docx", samples.zip_bomb_docx())
    assert r.status_code == 400
    assert "压缩炸弹" in r.json()["detail"]


@pytest.mark.django_db
def test_a_photo_renamed_docx_is_refused(api_client_for: Any) -> None:
    r = _upload(api_client_for("dept_officer"), "通知.docx", samples.PNG)
    assert r.status_code == 400
    assert "不是有效的 Word（.docx）文件" in r.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["", "   \n  ", "。。，，"])
def test_an_empty_draft_is_refused(api_client_for: Any, text: str) -> None:
    r = api_client_for("dept_officer").post(URL, {"text": text}, content_type="application/json")
    assert r.status_code == 400
    assert "请提供正文" in r.json()["detail"] or "没有可审核的文字" in r.json()["detail"]


@pytest.mark.django_db
def test_a_draft_in_traditional_characters_is_converted_and_scanned(api_client_for: Any) -> None:
    text = "各村（居）委會須在12月3日上午前將調查匯總表報各鄉（鎮）。"
    r = api_client_for("dept_officer").post(URL, {"text": text}, content_type="application/json")
    body = r.json()
    assert body["converted_from_traditional"] is True
    assert _flagged(body)[0]["text"] == "各村（居）委会须在12月3日上午前将调查汇总表报各乡（镇）。"


@pytest.mark.django_db
def test_a_text_file_in_gbk_is_read(api_client_for: Any) -> None:
    r = _upload(api_client_for("dept_officer"), "通知.txt", samples.NOTICE.encode("gb18030"))
    assert r.status_code == 200 and _flagged(r.json())


@pytest.mark.django_db
def test_the_scan_needs_a_signed_in_caller(client: Any) -> None:
    r = client.post(URL, {"text": samples.NOTICE}, content_type="application/json")
    assert r.status_code == 401
