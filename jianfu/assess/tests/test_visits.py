"""The workers' visit log on the phone and the four rates per worker."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jianfu.assess import visits
from jianfu.assess.models import Visit
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.orgs.models import Org


def test_a_worker_logs_visits_and_the_township_sees_the_rates(world, client_for):
    cw = client_for("community_worker")
    today = timezone.localdate().isoformat()
    for household, met, topic, problem, resolved in (
        ("3栋401", "on", "低保政策", "on", "on"),
        ("3栋402", "on", "", "on", ""),
        ("3栋403", "", "", "", ""),
        ("3栋401", "on", "回访", "", ""),
    ):
        data = {"household": household, "visited_on": today, "topic": topic}
        data.update({k: "on" for k, v in (("met", met), ("has_problem", problem), ("resolved", resolved)) if v})
        assert cw.post("/assess/visits/", data).status_code == 302
    (row,) = visits.worker_rates(Org.objects.filter(pk=world.dongguan.pk), timezone.localdate().year)
    assert (row.visits, row.households) == (4, 3)
    assert (str(row.meeting), str(row.talking), str(row.solved), row.satisfied) == ("75.0", "66.7", "50.0", None)
    page = client_for("township_officer").get("/assess/visits/").content.decode()
    assert "孙丽" in page and "75.0%" in page
    assert "孙丽" not in client_for("other_county_officer").get("/assess/visits/").content.decode()
    assert client_for("township_officer").post("/assess/visits/", {}).status_code == 403
    assert client_for("dept_officer").get("/assess/visits/").status_code == 403


def test_no_id_numbers_or_phones_in_the_household_label(world):
    cw = world.community_worker
    for label in ("610921199001011234", "61092119900101123X", "13912345678"):
        with pytest.raises(ActionError, match="不得填写身份证号"):
            visits.do_log_visit(actor=cw, household=label, visited_on=timezone.localdate())
    with pytest.raises(ActionError, match="走访日期"):
        visits.do_log_visit(actor=cw, household="5栋", visited_on=timezone.localdate() + dt.timedelta(days=1))
    with pytest.raises(NotAllowed):
        visits.do_log_visit(actor=world.township_officer, household="5栋", visited_on=timezone.localdate())
    assert not Visit.objects.exists()


def test_visits_feed_the_schemes_worker_indicators_at_compute(world):
    from jianfu.assess import actions
    from jianfu.assess.models import Score

    from .helpers import publish_lists

    publish_lists(world)
    town = world.township_officer
    scheme = actions.do_create_scheme(actor=town, year=timezone.localdate().year)
    actions.do_add_indicator(scheme, actor=town, kind="item", item_code="LZ-01", weight=40)
    actions.do_add_indicator(scheme, actor=town, kind="worker", key="meeting", weight=30)
    actions.do_add_indicator(scheme, actor=town, kind="worker", key="solved", weight=30)
    scheme = actions.do_open_scoring(scheme, actor=town)
    today = timezone.localdate()
    cw = world.community_worker
    visits.do_log_visit(actor=cw, household="1号", visited_on=today, topic="政策", has_problem=True, resolved=True)
    visits.do_log_visit(actor=cw, household="2号", visited_on=today, met=False)
    actions.do_compute_scores(scheme, actor=town)
    meeting = Score.objects.get(indicator__key="meeting", community=world.dongguan)
    solved = Score.objects.get(indicator__key="solved", community=world.dongguan)
    assert (str(meeting.value), meeting.source, str(solved.value)) == ("50.0", "data", "100.0")
    assert "走访 2 次，见到住户 1 次" in meeting.note
    assert not Score.objects.filter(community=world.xiguan).exists()
