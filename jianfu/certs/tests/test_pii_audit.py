"""The certificate register shows residents masked to everybody, the issuing community included;
the clear name and 身份证号 come only from an audited POST (显示完整信息, 导出完整信息) — issue 20."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from jianfu.core.models import AuditEntry

from .conftest import RESIDENT_ID, RESIDENT_NAME

pytestmark = pytest.mark.django_db
MASKED_ID = RESIDENT_ID[:4] + "*" * 10 + RESIDENT_ID[-4:]


def _cells(response) -> list[str]:
    return [
        str(c) for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True) for c in row
    ]


def test_the_issuing_community_sees_the_register_masked_and_nothing_is_logged(world, issued, client_for):
    client = client_for("community_worker")
    for url in ("/certs/", f"/certs/{issued.pk}/"):
        html = client.get(url).content.decode()
        assert RESIDENT_ID not in html and RESIDENT_NAME not in html and MASKED_ID in html, url
    assert "显示完整信息" in client.get(f"/certs/{issued.pk}/").content.decode()
    cells = _cells(client.get("/certs/export/"))
    assert MASKED_ID in cells and RESIDENT_ID not in cells
    assert not AuditEntry.objects.filter(event_type__in=["pii.view", "certs.resident.reveal"]).exists()


def test_revealing_a_certificate_is_a_post_that_is_audited(world, issued, client_for):
    response = client_for("community_worker").post(f"/certs/{issued.pk}/reveal/")
    html = response.content.decode()
    assert response.status_code == 200 and RESIDENT_ID in html and RESIDENT_NAME in html
    assert response["Cache-Control"] == "no-store"
    entry = AuditEntry.objects.get(event_type="certs.resident.reveal")
    assert entry.actor == world.community_worker and entry.object_id == str(issued.pk)
    assert RESIDENT_ID not in str(entry.after) and entry.after["fields"] == ["resident_name", "resident_id"]
    assert client_for("community_worker").get(f"/certs/{issued.pk}/reveal/").status_code == 405


def test_only_the_issuing_community_may_reveal(world, issued, client_for):
    for persona in ("township_officer", "county_mzj", "leading_group"):
        response = client_for(persona).post(f"/certs/{issued.pk}/reveal/")
        html = response.content.decode()
        assert response.status_code == 403 and RESIDENT_ID not in html and RESIDENT_NAME not in html, persona
        assert "只有出具证明的社区" in html, persona
    for persona in ("village_worker", "other_county_officer"):
        assert client_for(persona).post(f"/certs/{issued.pk}/reveal/").status_code == 404
    assert not AuditEntry.objects.filter(event_type="certs.resident.reveal").exists()


def test_the_full_export_is_a_post_of_the_issuing_community_and_is_audited(world, issued, client_for):
    response = client_for("community_worker").post("/certs/export/")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    cells = _cells(response)
    assert RESIDENT_ID in cells and RESIDENT_NAME in cells
    entry = AuditEntry.objects.get(event_type="certs.resident.export_reveal")
    assert entry.after["objects"] == [f"certs.certificate:{issued.pk}"] and entry.after["count"] == 1
    assert client_for("county_mzj").post("/certs/export/").status_code == 403
    cells = _cells(client_for("county_mzj").get("/certs/export/"))
    assert MASKED_ID in cells and RESIDENT_ID not in cells
