"""API of the draft review (发文前审核), mounted at /api/v1/drafts/."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from ninja import Router

from jianfu.core.errors import ActionError

from . import service

PREFIX = "drafts"
router = Router(tags=["发文前审核"])

SCAN_BODY = {
    "requestBody": {
        "content": {
            "application/json": {
                "schema": {"type": "object", "properties": {"text": {"type": "string", "description": "正文"}}}
            },
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "string", "format": "binary", "description": ".docx / .pdf / .txt"},
                        "text": {"type": "string"},
                    },
                }
            },
        }
    }
}


def _text_of(request: HttpRequest) -> str:
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise ActionError("请求体不是有效的 JSON。") from None
        text = body.get("text") if isinstance(body, dict) else None
        if not isinstance(text, str):
            raise ActionError("请提供正文 text，或以 multipart 上传文件 file。", field="text")
        return text
    upload = request.FILES.get("file")
    if upload is not None:
        text, _checked = service.read_upload(upload)
        return text
    text = request.POST.get("text", "")
    if not text:
        raise ActionError("请提供正文 text，或以 multipart 上传文件 file。", field="text")
    return text


@router.post("/scan", summary="发文前审核：扫描文稿中给社区增加负担的条款（不保存）", openapi_extra=SCAN_BODY)
def scan(request: HttpRequest) -> dict[str, Any]:
    """Split a draft (JSON ``{"text": …}``, or multipart ``file`` = .docx/.pdf/.txt, or ``text``)
    into clauses and flag each one that puts work on communities, with the gate's verdict against
    the caller's county lists, the rule, the estimated burden and a suggested fix. Nothing is
    stored: an OA system may call it before every issue."""
    result = service.scan_text(_text_of(request), county=service.county_for(request.user))
    return result.as_dict()
