"""The community's certificate register: numbered, encrypted, masked for everyone else."""

from __future__ import annotations

import io
import logging

import pytest
from openpyxl import load_workbook

from jianfu.burden.models import LedgerEntry
from jianfu.certs import crypto
from jianfu.certs.actions import do_issue_certificate, do_record_refusal, do_report_refusal
from jianfu.certs.models import Certificate, Refusal, SealUse
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.core.models import AuditEntry

from .conftest import RESIDENT_ID, RESIDENT_NAME, bad_checksum, issue_data, valid_id

pytestmark = pytest.mark.django_db
MASKED_ID = RESIDENT_ID[:4] + "*" * 10 + RESIDENT_ID[-4:]


def test_a_community_issues_a_listed_certificate_numbered_and_encrypted_at_rest(world, issued):
    assert issued.doc_no == f"东关社区证〔{issued.year}〕1号"
    row = Certificate.objects.filter(pk=issued.pk).values().get()
    assert RESIDENT_ID not in str(row) and RESIDENT_NAME not in str(row)
    assert crypto.decrypt(row["resident_id_enc"]) == RESIDENT_ID
    second = do_issue_certificate(world.dongguan, actor=world.community_worker, data=issue_data(item_code="ZM-14"))
    assert second.number == 2


def test_issuing_logs_the_seal_and_records_the_certificate_in_the_burden_ledger(world, issued):
    use = SealUse.objects.get(certificate=issued)
    assert use.in_scope and use.scope_item.code == "YZ-01"
    entry = LedgerEntry.objects.get(source_type="certs.certificate", source_id=str(issued.pk))
    assert entry.kind == "certificate" and entry.listed and entry.minutes == 15 and entry.list_item.code == "ZM-01"


def test_an_id_number_with_a_wrong_check_digit_gets_a_clear_chinese_message(world, cert_lists, client_for):
    with pytest.raises(ActionError) as raised:
        do_issue_certificate(
            world.dongguan, actor=world.community_worker, data=issue_data(id_number=bad_checksum(RESIDENT_ID))
        )
    assert raised.value.field == "id_number" and "校验位不正确" in raised.value.message
    html = (
        client_for("community_worker").post("/certs/new/", issue_data(id_number="61092119901301123X")).content.decode()
    )
    assert "出生日期" in html and not Certificate.objects.exists()


def test_a_forbidden_or_unlisted_certificate_cannot_be_issued(world, cert_lists):
    with pytest.raises(ActionError, match="不得要求社区出具"):
        do_issue_certificate(world.dongguan, actor=world.community_worker, data=issue_data(item_code="ZJ-01"))
    with pytest.raises(ActionError, match="可出具的证明"):
        do_issue_certificate(world.dongguan, actor=world.community_worker, data=issue_data(item_code="XX-99"))
    with pytest.raises(NotAllowed):
        do_issue_certificate(world.dongguan, actor=world.township_officer, data=issue_data())
    assert not Certificate.objects.exists()


def test_the_register_is_masked_for_everyone_else(world, issued, client_for, api_client_for):
    # the issuing community's own masked view and its audited reveal: test_pii_audit.py
    for persona in ("township_officer", "county_mzj", "leading_group"):
        client = client_for(persona)
        for url in ("/certs/", f"/certs/{issued.pk}/"):
            html = client.get(url).content.decode()
            assert RESIDENT_ID not in html and RESIDENT_NAME not in html, (persona, url)
            assert MASKED_ID in html and "王*兰" in html
        export = client.get("/certs/export/")
        cells = [
            str(c) for row in load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True) for c in row
        ]
        assert MASKED_ID in cells and RESIDENT_ID not in cells
        body = api_client_for(persona).get("/api/v1/certificates/register").content.decode()
        assert RESIDENT_ID not in body and MASKED_ID in body
    body = api_client_for("community_worker").get("/api/v1/certificates/register").json()["items"]
    assert body[0]["id_number"] == MASKED_ID  # the issuing community too, until it reveals


def test_the_api_reveals_a_resident_to_the_issuing_community_only_and_audits_it(world, issued, api_client_for):
    url = f"/api/v1/certificates/register/{issued.pk}/reveal"
    body = api_client_for("community_worker").post(url).json()
    assert body["id_number"] == RESIDENT_ID and body["resident_name"] == RESIDENT_NAME
    assert AuditEntry.objects.filter(event_type="certs.resident.reveal", object_id=str(issued.pk)).count() == 1
    refused = api_client_for("county_mzj").post(url)
    assert refused.status_code == 403 and RESIDENT_ID not in refused.content.decode()
    assert api_client_for("other_county_officer").post(url).status_code == 404
    assert AuditEntry.objects.filter(event_type="certs.resident.reveal").count() == 1


def test_the_id_never_reaches_the_audit_log_or_a_log_line(world, cert_lists, caplog):
    with caplog.at_level(logging.DEBUG):
        do_issue_certificate(world.dongguan, actor=world.community_worker, data=issue_data())
    text = caplog.text + " ".join(str(vars(e)) for e in AuditEntry.objects.all())
    assert RESIDENT_ID not in text and RESIDENT_NAME not in text and MASKED_ID not in text


def test_a_register_id_from_another_county_or_community_is_a_404(world, issued, client_for):
    assert client_for("other_county_officer").get(f"/certs/{issued.pk}/").status_code == 404
    assert client_for("village_worker").get(f"/certs/{issued.pk}/").status_code == 404
    assert client_for("township2_officer").get(f"/certs/{issued.pk}/").status_code == 404
    assert client_for("community_worker").get("/certs/99999/").status_code == 404


def test_refusing_takes_one_tap_and_prints_a_numbered_slip(world, cert_lists, client_for, cjk_font, settings):
    client = client_for("community_worker")
    response = client.post("/certs/refuse/", {"request": "开个无犯罪证明", "agency": "某银行"})
    refusal = Refusal.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/certs/refusals/{refusal.pk}/"
    assert refusal.rule == "forbidden" and refusal.list_item.code == "ZJ-01"
    tapped = client.post("/certs/refuse/", {"request": "出具邻里纠纷责任证明", "rule": "unlisted"})
    assert tapped.status_code == 302 and Refusal.objects.filter(rule="unlisted", number=2).exists()
    pdf = client.get(f"/certs/refusals/{refusal.pk}/slip/")
    from jianfu.testing import assert_official_document, pdf_facts

    text, fonts = pdf_facts(pdf.content)
    assert "不予出具证明告知单" in text and refusal.doc_no.replace("〔", "")[:4] in text and fonts
    # Headed by the community's own name (no 文件); its number as issued, or with a 机关代字 once configured.
    assert_official_document(pdf.content, mark="东关社区", doc_no=refusal.doc_no, title="不予出具证明告知单")
    settings.DOC_PREFIXES = {world.dongguan.code: "东社告"}
    prefixed = client.get(f"/certs/refusals/{refusal.pk}/slip/").content
    assert_official_document(
        prefixed, mark="东关社区", doc_no=f"东社告〔{refusal.year}〕1号", title="不予出具证明告知单"
    )


def test_a_refusal_reported_opens_a_case_against_the_agency_with_the_verdict(world, cert_lists):
    from jianfu.supervision.models import Case

    refusal = do_record_refusal(
        world.dongguan,
        actor=world.community_worker,
        data={"request": "无犯罪记录证明", "rule": "forbidden", "item_code": "ZJ-01", "agency_org": world.wjj.pk},
    )
    do_report_refusal(refusal, actor=world.community_worker)
    case = Case.objects.get()
    assert case.department == world.wjj and case.source == "worker_report"
    assert "不得要求社区出具" in case.description and "公安机关" in case.description
    refusal.refresh_from_db()
    assert refusal.case_id == case.pk
    with pytest.raises(ActionError):
        do_report_refusal(refusal, actor=world.community_worker)


def test_the_gb11643_check_digit_is_computed_as_the_standard_says():
    assert crypto.id_problem("11010519491231002X") is None  # the standard's own example
    assert crypto.id_problem(valid_id("44052418800101001")) is None
    assert "18 位" in crypto.id_problem("1234")
    assert crypto.mask_id("11010519491231002X") == "1101**********002X"


def test_certificates_show_on_the_burden_dashboard_and_the_reduction_report(world, issued, client_for):
    client = client_for("county_mzj")
    html = client.get("/burden/", {"region": world.county.code}).content.decode()
    assert "证明出具（按社区、月份、证明事项）" in html and "居住证明" in html and RESIDENT_NAME not in html
    report = client.get("/burden/report/", {"region": world.county.code}).content.decode()
    assert "证明事项" in report and "出具证明（份）" in report
