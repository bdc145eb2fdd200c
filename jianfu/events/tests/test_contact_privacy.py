"""A resident's name and telephone: encrypted at rest, masked by default, shown in full only by
the audited "显示完整号码" (issue 20, point 4). CI runs this on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection

from jianfu.core.models import AuditEntry
from jianfu.events import actions
from jianfu.events.models import Event

from .helpers import setup
from .test_pages_api import PHONE, resident_event


@pytest.fixture
def event(world):
    setup(world)
    return resident_event(world)


def test_the_phone_and_name_are_stored_encrypted(world, event):
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact_name, contact_phone FROM events_event WHERE id = %s", [event.pk])
        name, phone = cursor.fetchone()
    assert phone.startswith("gAAAAA") and PHONE not in phone and "王秀兰" not in name
    fresh = Event.objects.get(pk=event.pk)
    assert (fresh.contact_name, fresh.contact_phone) == ("王秀兰", PHONE)


def test_the_event_page_shows_the_contact_masked_with_a_reveal_button(world, event, client_for):
    page = client_for("community_worker").get(f"/events/{event.pk}/").content.decode()
    assert "王*兰" in page and "139****5678" in page and PHONE not in page
    assert "显示完整号码" in page


def test_showing_the_full_number_is_a_post_that_is_audited(world, event, client_for):
    client = client_for("township_officer")
    assert client.get(f"/events/{event.pk}/contact/").status_code == 405  # never by a link
    response = client.post(f"/events/{event.pk}/contact/")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert PHONE in page and "王秀兰" in page and "已记入审计日志" in page
    entry = AuditEntry.objects.get(event_type="events.contact.reveal")
    assert entry.actor == world.township_officer and entry.object_id == str(event.pk)
    assert PHONE not in str(entry.after)  # the log says who looked, not what they saw


def test_a_department_may_not_reveal_and_nothing_is_audited(world, event, client_for, api_client_for):
    event = actions.do_escalate(event, actor=world.community_worker, reason="需市政维修")
    event = actions.do_whistle(event, actor=world.township_officer, department=world.wjj.code, reason="请报到")
    assert client_for("dept_officer").post(f"/events/{event.pk}/contact/").status_code == 403
    assert api_client_for("dept_officer").post(f"/api/v1/events/{event.pk}/contact").status_code == 403
    assert api_client_for("other_county_officer").post(f"/api/v1/events/{event.pk}/contact").status_code == 404
    assert not AuditEntry.objects.filter(event_type="events.contact.reveal").exists()


def test_the_api_masks_by_default_and_reveals_on_post(world, event, api_client_for):
    api = api_client_for("community_worker")
    assert api.get(f"/api/v1/events/{event.pk}").json()["contact"] == {
        "name": "王*兰",
        "phone": "139****5678",
        "masked": True,
    }
    body = api.post(f"/api/v1/events/{event.pk}/contact").json()
    assert body == {"name": "王秀兰", "phone": PHONE, "masked": False}
    assert AuditEntry.objects.filter(event_type="events.contact.reveal").count() == 1
