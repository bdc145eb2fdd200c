"""Showing a resident's name and ID number in clear is audited (issue 20); masked views are not."""

from __future__ import annotations

import pytest

from jianfu.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_the_issuing_community_reading_a_certificate_is_audited(world, issued, client_for):
    assert client_for("community_worker").get(f"/certs/{issued.pk}/").status_code == 200
    entry = AuditEntry.objects.get(event_type="pii.view")
    assert entry.actor == world.community_worker and entry.object_id == str(issued.pk)
    client_for("community_worker").get("/certs/")
    listed = AuditEntry.objects.filter(event_type="pii.view").order_by("id").last()
    assert listed.after["objects"] == [f"certs.certificate:{issued.pk}"]
    count = AuditEntry.objects.filter(event_type="pii.view").count()
    client_for("county_mzj").get(f"/certs/{issued.pk}/")  # masked for the county: not a view of PII
    assert AuditEntry.objects.filter(event_type="pii.view").count() == count
