"""Pages that show a deadline counted in working days warn when its year's holidays are unpublished."""

from __future__ import annotations

import datetime as dt

from jianfu.admission.models import Application
from jianfu.events.models import Event
from jianfu.events.tests.helpers import report, setup

WARNING = "2028年的法定节假日尚未公布，期限按周一至周五计算。"


def test_the_application_pages_warn_about_a_review_deadline_in_an_unpublished_year(world, make_app, client_for):
    app = make_app()
    client = client_for("dept_officer")
    Application.objects.filter(pk=app.pk).update(due_date=dt.date(2026, 10, 22))
    assert WARNING not in client.get(f"/admission/{app.pk}/").content.decode()
    Application.objects.filter(pk=app.pk).update(due_date=dt.date(2028, 1, 20))
    assert WARNING in client.get(f"/admission/{app.pk}/").content.decode()
    assert WARNING in client.get("/admission/").content.decode()


def test_the_event_pages_warn_about_an_answer_time_in_an_unpublished_year(world, client_for):
    setup(world)
    event = report(world)
    client = client_for("community_worker")
    assert WARNING not in client.get(f"/events/{event.pk}/").content.decode()
    Event.objects.filter(pk=event.pk).update(deadline=dt.datetime(2028, 1, 20, 9, tzinfo=dt.UTC))
    assert WARNING in client.get(f"/events/{event.pk}/").content.decode()
    assert WARNING in client.get("/events/?tab=all").content.decode()
