"""Applications: the rules on their fields, the pre-check, scoping and attachments."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.admission import actions, selectors
from jianfu.admission.models import Application, Attachment
from jianfu.admission.precheck import precheck
from jianfu.core.errors import ActionError, NotAllowed, NotFound

from .conftest import app_data

pytestmark = pytest.mark.django_db


def test_a_department_saves_a_draft_with_its_burden(world, make_app):
    app = make_app()
    assert app.state == "draft" and app.region_code == "610921" and app.applicant_org == world.wjj
    # 240 minutes once a year = 4 h per community; the world has 5 committees in 汉阴县.
    assert str(app.hours_per_community) == "4.0" and app.affected_count == 5 and str(app.hours_total) == "20.0"


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"basis": "  "}, "basis"),
        ({"funding_amount": ""}, "funding_amount"),
        ({"funding_source": ""}, "funding_source"),
        ({"end_date": "2020-01-01"}, "end_date"),
        ({"start_date": "2026-02-31"}, "start_date"),
        ({"category": "negative"}, "category"),
        ({"target_scope": "townships", "target_townships": ["610922100"]}, "target_townships"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_is_saved(world, over, field):
    with pytest.raises(ActionError) as exc:
        actions.do_create_application(actor=world.dept_officer, data=app_data(**over))
    assert field in [e["field"] for e in exc.value.errors]
    assert all("\u4e00" <= ch <= "\u9fff" for ch in exc.value.message if ch.isalpha() and ord(ch) > 255)
    assert not Application.objects.exists()


def test_a_township_scope_counts_only_its_committees(world, make_app):
    app = make_app(target_scope="townships", target_townships=["610921100"], applies_to="urban")
    assert app.affected_count == 2  # 东关社区 and 西关社区, not 桥上村


def test_only_applicant_roles_may_apply(world):
    for persona in ("community_worker", "county_mzj", "leading_group"):
        with pytest.raises(NotAllowed):
            actions.do_create_application(actor=world.users[persona], data=app_data())
    assert not Application.objects.exists()


def test_a_script_in_the_title_is_refused_or_shown_escaped(world, client_for):
    client = client_for("dept_officer")
    response = client.post(
        "/admission/new/", {**app_data(title="<script>alert(1)</script>普查"), "community_roles": ["mobilise"]}
    )
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    app = Application.objects.first()
    if app is not None:  # the list rules may accept it as text; then it must render escaped
        html = client.get(f"/admission/{app.pk}/").content.decode()
        assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    else:
        assert response.status_code == 200 and "fielderror" in html


# Pre-check on real-looking Chinese text ---------------------------------------------------------


def test_precheck_blocks_a_negative_list_match_and_cites_the_item(world, lists, make_app):
    app = make_app(
        title="组织社区开展辖区企业安全生产检查",
        description="请各社区对辖区内企业开展安全生产隐患排查检查，每月上报检查台账。",
        category="service",
        community_roles=[],
    )
    with pytest.raises(ActionError, match="预审"):
        actions.do_submit_application(app, actor=world.dept_officer)
    app.refresh_from_db()
    assert app.state == "draft"
    block = [f for f in app.findings if f["severity"] == "block"]
    assert block and block[0]["item_code"] == "N-04" and "负面清单" in block[0]["rule"]
    assert "对辖区企业开展安全生产检查" in block[0]["message"]


def test_precheck_finds_a_near_duplicate_and_suggests_the_existing_item(world, lists, make_app):
    app = make_app(
        title="协助开展老年人健康体检及慢病随访",
        description="组织辖区65岁以上老年人到镇卫生院免费体检，入户随访慢性病患者。",
    )
    findings = precheck(app)
    similar = [f for f in findings if f["item_code"] == "A-01"] if findings else []
    assert similar and similar[0]["severity"] == "warn" and similar[0]["score"] >= 0.55
    assert "基本相同" in similar[0]["message"] and "建议直接依托该事项" in similar[0]["message"]


def test_precheck_passes_a_clearly_new_item(world, lists, make_app):
    findings = precheck(make_app())
    assert [f["severity"] for f in findings] == ["info"]


def test_precheck_flags_the_community_as_responsible_subject_and_heavy_burden(world, lists, make_app, settings):
    settings.ADMISSION_BURDEN_THRESHOLD_HOURS = 10
    app = make_app(
        title="社区牵头开展背街小巷环境整治",
        description="由社区负责辖区背街小巷环境整治，每周组织清理一次。",
        frequency_unit="week",
        minutes_per_occurrence="120",
    )
    rules = {f["rule"]: f for f in precheck(app)}
    assert any("责任主体" in r for r in rules)
    burden = next(f for r, f in rules.items() if "负担" in r)
    assert "104.0 小时" in burden["message"]  # 120 min × 52 / 60


def test_precheck_blocks_unfunded_assist_work(world, lists, make_app):
    app = make_app()
    Application.objects.filter(pk=app.pk).update(funding_amount=None)
    app.refresh_from_db()
    assert any(f["severity"] == "block" and "费随事转" in f["rule"] for f in precheck(app))


# Scoping ------------------------------------------------------------------------------------------


def test_a_department_sees_only_its_own_applications(world, make_app):
    mine = make_app()
    theirs = make_app(actor=world.dept_officer2)
    assert list(selectors.applications_for(world.dept_officer)) == [mine]
    with pytest.raises(NotFound):
        selectors.get_application(world.dept_officer, theirs.pk)


def test_reviewers_see_submitted_applications_but_not_drafts(world, make_app):
    draft = make_app()
    sent = make_app(title="协助开展残疾人需求调查")
    actions.do_submit_application(sent, actor=world.dept_officer)
    assert list(selectors.applications_for(world.county_mzj)) == [sent]
    assert list(selectors.applications_for(world.leading_group)) == [sent]
    with pytest.raises(NotFound):
        selectors.get_application(world.county_mzj, draft.pk)


def test_another_county_sees_nothing(world, make_app):
    app = make_app()
    actions.do_submit_application(app, actor=world.dept_officer)
    for persona in ("other_county_officer", "other_dept_officer", "other_sysadmin", "community_worker"):
        assert not selectors.applications_for(world.users[persona]).exists()
    with pytest.raises(NotFound):
        selectors.get_application(world.other_county_officer, app.pk)


# Attachments --------------------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def _docx() -> bytes:
    """A real (minimal) .docx: a zip holding word/document.xml, as core.files checks by content."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


DOCX = _docx()
DOC = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 100


@pytest.mark.parametrize(("name", "data"), [("方案.pdf", PDF), ("通知.docx", DOCX), ("旧文.doc", DOC)])
def test_pdf_and_word_attachments_are_accepted(world, make_app, name, data):
    app = make_app()
    att = actions.do_add_attachment(app, actor=world.dept_officer, upload=SimpleUploadedFile(name, data))
    assert att.original_name == name and att.size == len(data) and att.region_code == "610921"
    assert att.file.read() == data


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("病毒.exe", b"MZ\x90\x00", "只能是 PDF 或 Word"),
        ("假的.pdf", b"<html>not a pdf</html>", "内容与扩展名"),
        ("表格.docx", b"PK\x03\x04" + b"\x00" * 40 + b"xl/workbook.xml", "不是有效的 Word"),
        ("空.pdf", b"", "空文件"),
    ],
)
def test_bad_attachments_are_refused_and_nothing_is_stored(world, make_app, name, data, message):
    app = make_app()
    with pytest.raises(ActionError, match=message):
        actions.do_add_attachment(app, actor=world.dept_officer, upload=SimpleUploadedFile(name, data))
    assert not Attachment.objects.exists()


def test_an_oversized_attachment_is_refused(world, make_app, monkeypatch):
    from jianfu.admission import attachments

    monkeypatch.setattr(attachments, "MAX_ATTACHMENT_BYTES", 100)
    app = make_app()
    with pytest.raises(ActionError, match="附件过大"):
        actions.do_add_attachment(app, actor=world.dept_officer, upload=SimpleUploadedFile("大.pdf", PDF + b"x" * 200))
    assert not Attachment.objects.exists()


def test_another_department_cannot_attach(world, make_app):
    app = make_app()
    with pytest.raises(NotAllowed):
        actions.do_add_attachment(app, actor=world.dept_officer2, upload=SimpleUploadedFile("a.pdf", PDF))


def test_attachments_download_only_for_those_who_see_the_application(world, make_app, client_for):
    app = make_app()
    att = actions.do_add_attachment(app, actor=world.dept_officer, upload=SimpleUploadedFile("方案.pdf", PDF))
    actions.do_submit_application(app, actor=world.dept_officer)
    url = f"/admission/{app.pk}/attachments/{att.pk}/"
    for persona in ("dept_officer", "county_mzj", "leading_group"):
        response = client_for(persona).get(url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    for persona in ("dept_officer2", "other_county_officer", "community_worker"):
        assert client_for(persona).get(url).status_code == 404
