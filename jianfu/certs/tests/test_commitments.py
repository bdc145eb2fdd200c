"""告知承诺 pages show the resident masked to everybody, the community that took the commitment
included; its full name and ID number come only from an audited POST (or printing it for
signature, also audited). Issue 20: residents' data protected."""

from __future__ import annotations

import pytest

from jianfu.certs import actions
from jianfu.core.models import AuditEntry

from .conftest import RESIDENT_ID, RESIDENT_NAME

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment(world, cert_lists):
    actions.do_save_template(
        world.county, actor=world.county_mzj,
        data={"item_code": "ZM-01", "title": "居住情况告知承诺书", "body": "本人承诺所述居住情况属实。"},
    )  # fmt: skip
    return actions.do_sign_commitment(
        world.dongguan, actor=world.community_worker,
        data={"item_code": "ZM-01", "resident_name": RESIDENT_NAME, "id_number": RESIDENT_ID,
              "agency_org": world.wjj.pk},
    )  # fmt: skip


def test_the_commitment_pages_are_masked_until_the_community_reveals_them_and_the_reveal_is_audited(
    world, commitment, client_for
):
    url = f"/certs/commitments/{commitment.pk}/"
    for persona in ("community_worker", "dept_officer", "county_mzj"):
        for page in (url, "/certs/commitments/"):
            html = client_for(persona).get(page).content.decode()
            assert RESIDENT_ID not in html and RESIDENT_NAME not in html, (persona, page)
    assert "显示完整信息" in client_for("community_worker").get(url).content.decode()
    assert "显示完整信息" not in client_for("dept_officer").get(url).content.decode()
    assert not AuditEntry.objects.filter(event_type__startswith="certs.commitment.reveal").exists()
    shown = client_for("community_worker").post(f"{url}reveal/")
    assert shown.status_code == 200 and RESIDENT_ID in shown.content.decode() and shown["Cache-Control"] == "no-store"
    entry = AuditEntry.objects.get(event_type="certs.commitment.reveal")
    assert entry.object_id == str(commitment.pk) and RESIDENT_ID not in str(entry.after)
    assert client_for("dept_officer").post(f"{url}reveal/").status_code == 403
    assert client_for("other_county_officer").post(f"{url}reveal/").status_code == 404
    assert AuditEntry.objects.filter(event_type="certs.commitment.reveal").count() == 1


def test_printing_the_commitment_for_signature_is_a_reveal_on_the_record(world, commitment, client_for, cjk_font):
    from io import BytesIO

    from pdfminer.high_level import extract_text

    pdf = client_for("community_worker").get(f"/certs/commitments/{commitment.pk}/pdf/")
    assert pdf.status_code == 200 and RESIDENT_ID in extract_text(BytesIO(pdf.content))
    assert AuditEntry.objects.filter(event_type="certs.commitment.print", object_id=str(commitment.pk)).count() == 1
    masked = client_for("dept_officer").get(f"/certs/commitments/{commitment.pk}/pdf/")
    assert masked.status_code == 200 and RESIDENT_ID not in extract_text(BytesIO(masked.content))
