"""A resident reporter's name and contact shown to the supervising office are audited (issue 20)."""

from __future__ import annotations

import pytest

from jianfu.core.models import AuditEntry
from jianfu.supervision import actions

pytestmark = pytest.mark.django_db


def test_the_office_reading_a_public_report_with_a_contact_is_audited(world, client_for):
    case = actions.do_submit_public_report(
        county=world.county,
        title="社区被要求出具无犯罪证明",
        description="东关社区被派出所要求出具无犯罪证明",
        reporter_name="王秀兰",
        reporter_contact="13911112222",
    )
    page = client_for("county_mzj").get(f"/supervision/cases/{case.pk}/")
    assert page.status_code == 200 and "13911112222" in page.content.decode()
    entry = AuditEntry.objects.get(event_type="pii.view")
    assert entry.actor == world.county_mzj and entry.object_id == str(case.pk)
    assert entry.after == {"fields": ["reporter_name", "reporter_contact"]}
    assert client_for("other_county_officer").get(f"/supervision/cases/{case.pk}/").status_code == 404
    assert AuditEntry.objects.filter(event_type="pii.view").count() == 1
