"""A resident reporter's name and contact reach the supervising office masked; the full values
only through an explicit, audited reveal (issue 20 point 4, 个人信息保护法)."""

from __future__ import annotations

import pytest

from jianfu.core.models import AuditEntry
from jianfu.supervision import actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(world):
    return actions.do_submit_public_report(
        county=world.county,
        title="社区被要求出具无犯罪证明",
        description="东关社区被派出所要求出具无犯罪证明",
        reporter_name="王秀兰",
        reporter_contact="13911112222",
    )


def test_the_case_page_and_the_api_show_the_reporter_masked(world, client_for, case):
    client = client_for("county_mzj")
    html = client.get(f"/supervision/cases/{case.pk}/").content.decode()
    assert "139****2222" in html and "王*兰" in html and "13911112222" not in html and "王秀兰" not in html
    assert "显示完整联系方式" in html
    data = client.get(f"/api/v1/supervision/cases/{case.pk}").json()
    assert data["reporter_contact"] == "139****2222" and data["reporter_name"] == "王*兰"
    assert not AuditEntry.objects.filter(event_type="supervision.reporter.reveal").exists()


def test_the_reveal_shows_the_full_contact_and_is_audited(world, client_for, case):
    page = client_for("county_mzj").post(f"/supervision/cases/{case.pk}/reporter/")
    body = page.content.decode()
    assert page.status_code == 200 and "13911112222" in body and "王秀兰" in body
    assert page["Cache-Control"] == "no-store"
    entry = AuditEntry.objects.get(event_type="supervision.reporter.reveal")
    assert entry.actor == world.county_mzj and entry.object_id == str(case.pk)
    assert entry.after == {"fields": ["reporter_name", "reporter_contact"]}
    assert "13911112222" not in str(entry.before) + str(entry.after)


def test_nobody_else_can_reveal_and_another_county_sees_nothing(world, client_for, case):
    assert client_for("dept_officer").post(f"/supervision/cases/{case.pk}/reporter/").status_code == 403
    assert client_for("other_county_officer").post(f"/supervision/cases/{case.pk}/reporter/").status_code == 404
    assert not AuditEntry.objects.filter(event_type="supervision.reporter.reveal").exists()
