"""Evidence on core.files: who is recorded as uploader, and how a file is served."""

from __future__ import annotations

from urllib.parse import quote

from jianfu.supervision import actions

from .conftest import docx, png


def test_report_evidence_records_no_uploader_but_reply_evidence_records_the_officer(world, case, ordered):
    report = actions.do_submit_worker_report(
        actor=world.community_worker,
        title="要求社区出具证明",
        description="卫健局要求社区出具无犯罪记录证明。",
        department=world.wjj,
        files=[png()],
    )
    assert report.evidence.get().uploaded_by is None  # the worker's identity stays with the case
    reply = actions.do_reply(ordered, actor=world.dept_officer, text="已撤回。", files=[docx("撤回通知.docx")])
    item = reply.evidence.get()
    assert item.uploaded_by == world.dept_officer and item.original_name == "撤回通知.docx"
    assert item.file.name.startswith("supervision/") and "撤回" not in item.file.name


def test_an_evidence_file_downloads_with_its_chinese_name_as_an_attachment(world, client_for, ordered):
    reply = actions.do_reply(ordered, actor=world.dept_officer, text="已撤回。", files=[png("整改 照片.png")])
    response = client_for("county_mzj").get(f"/supervision/files/{reply.evidence.get().pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert f"attachment; filename*=utf-8''{quote('整改 照片.png')}" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client_for("other_county_officer").get(f"/supervision/files/{reply.evidence.get().pk}/").status_code == 404
