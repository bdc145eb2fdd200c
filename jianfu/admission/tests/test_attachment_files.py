"""Application materials on core.files: stored under random names, deleted with a failed
transaction, downloaded only as attachments with their Chinese names."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from jianfu.admission import actions as admission
from jianfu.admission.attachments import check_attachment
from jianfu.admission.models import Attachment
from jianfu.core.files import discard_on_error

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_files_stored_in_a_failed_transaction_are_deleted(world, settings, make_app):
    app = make_app()
    checked = check_attachment(SimpleUploadedFile("方案.pdf", PDF))
    with pytest.raises(RuntimeError), discard_on_error() as stored, transaction.atomic():
        att = Attachment(application=app, region_code=app.region_code)
        stored.append(att.put(checked, uploaded_by=world.dept_officer))
        att.save()
        assert (settings.MEDIA_ROOT / att.file.name).is_file()
        raise RuntimeError("later step failed")
    assert not Attachment.objects.exists()
    assert not any(p.is_file() for p in settings.MEDIA_ROOT.rglob("*"))


def test_stored_files_get_a_random_name_and_keep_the_original_for_people(world, make_app):
    app = make_app()
    att = admission.do_add_attachment(app, actor=world.dept_officer, upload=SimpleUploadedFile("../方案.pdf", PDF))
    assert att.original_name == "方案.pdf" and att.uploaded_by == world.dept_officer
    assert "方案" not in att.file.name and att.file.name.startswith(f"admission/610921/{app.pk}/")
    assert att.file.name.endswith(".pdf") and len(att.sha256) == 64


def test_the_download_is_an_attachment_with_the_chinese_name_and_never_inline(world, make_app, client_for):
    app = make_app()
    att = admission.do_add_attachment(app, actor=world.dept_officer, upload=SimpleUploadedFile("方案 一.pdf", PDF))
    response = client_for("dept_officer").get(f"/admission/{app.pk}/attachments/{att.pk}/")
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and f"filename*=utf-8''{quote('方案 一.pdf')}" in disposition
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    # A row that (somehow) claims HTML is still served as bytes to save, never as a page.
    Attachment.objects.filter(pk=att.pk).update(content_type="text/html")
    response = client_for("dept_officer").get(f"/admission/{app.pk}/attachments/{att.pk}/")
    assert response["Content-Type"] == "application/octet-stream"


def test_a_lost_file_is_a_404_not_a_500(world, make_app, client_for):
    app = make_app()
    att = admission.do_add_attachment(app, actor=world.dept_officer, upload=SimpleUploadedFile("方案.pdf", PDF))
    att.file.storage.delete(att.file.name)
    assert client_for("dept_officer").get(f"/admission/{app.pk}/attachments/{att.pk}/").status_code == 404


def test_downloads_need_a_sign_in(world, make_app, client):
    app = make_app()
    att = admission.do_add_attachment(app, actor=world.dept_officer, upload=SimpleUploadedFile("方案.pdf", PDF))
    response = client.get(f"/admission/{app.pk}/attachments/{att.pk}/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_an_upload_the_action_refuses_for_permission_is_the_403_page(world, make_app, client_for):
    """The list owner sees the application but is not its applicant: run_action turns the action's
    NotAllowed into the 403 page, and nothing is stored."""
    app = make_app()
    admission.do_submit_application(app, actor=world.dept_officer)
    upload = SimpleUploadedFile("方案.pdf", PDF)
    response = client_for("county_mzj").post(f"/admission/{app.pk}/attachments/", {"attachment": upload})
    assert response.status_code == 403 and not app.attachments.exists()
