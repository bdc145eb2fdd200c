"""Showing a resident's name and phone is audited (issue 20: view of a resident's personal data)."""

from __future__ import annotations

import pytest

from jianfu.core.models import AuditEntry

from .helpers import setup
from .test_pages_api import resident_event

pytestmark = pytest.mark.django_db


def test_the_event_page_shows_the_contact_masked_and_only_the_reveal_is_audited(world, client_for):
    setup(world)
    event = resident_event(world)
    page = client_for("community_worker").get(f"/events/{event.pk}/").content.decode()
    assert "13912345678" not in page and "139****5678" in page
    assert not AuditEntry.objects.filter(event_type__in=["pii.view", "events.contact.reveal"]).exists()
    revealed = client_for("community_worker").post(f"/events/{event.pk}/contact/")
    assert revealed.status_code == 200 and "13912345678" in revealed.content.decode()
    entry = AuditEntry.objects.get(event_type="events.contact.reveal")
    assert entry.actor == world.community_worker and entry.object_id == str(event.pk)
    client_for("dept_officer").get(f"/events/{event.pk}/")
    assert AuditEntry.objects.filter(event_type="events.contact.reveal").count() == 1
