"""Showing a resident's name and phone is audited (issue 20: view of a resident's personal data)."""

from __future__ import annotations

import pytest

from jianfu.core.models import AuditEntry

from .helpers import setup
from .test_pages_api import resident_event

pytestmark = pytest.mark.django_db


def test_the_contact_shown_on_an_event_is_audited_and_a_view_without_it_is_not(world, client_for):
    setup(world)
    event = resident_event(world)
    page = client_for("community_worker").get(f"/events/{event.pk}/")
    assert page.status_code == 200 and "13912345678" in page.content.decode()
    entry = AuditEntry.objects.get(event_type="pii.view")
    assert entry.actor == world.community_worker and entry.object_id == str(event.pk)
    assert entry.after == {"fields": ["contact_name", "contact_phone"]}
    client_for("dept_officer").get(f"/events/{event.pk}/")
    assert AuditEntry.objects.filter(event_type="pii.view").count() == 1
