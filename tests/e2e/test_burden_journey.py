"""Browser journey: a township officer records a 5th meeting in a month, is warned, gives a reason,
and the breach appears on the county dashboard of 民政局."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.burden import actions
from jianfu.burden.choices import Kind

pytestmark = pytest.mark.browser


def test_a_fifth_meeting_is_warned_then_recorded_with_a_reason_and_shows_on_the_county_dashboard(world, page_for):
    day = dt.date.today().replace(day=1)
    for i in range(4):
        actions.do_record_event(
            actor=world.township_officer,
            kind=Kind.MEETING,
            convener=world.chengguan,
            title=f"周例会{i + 1}",
            occurred_on=day,
            minutes=60,
            communities=[world.dongguan],
        )
    page = page_for("township_officer", mobile=True)
    page.goto("/burden/events/new/")
    page.fill("#id_title", "第五次例会")
    page.fill("#id_occurred_on", day.isoformat())
    page.fill("#id_minutes", "60")
    page.get_by_label("东关社区").check()
    page.click("main button.primary")
    warning = page.locator("#limit-warning")
    assert "第 5 次" in warning.inner_text()
    page.fill("#id_reason", "防汛紧急部署")
    page.click("main button.primary")
    assert "超出限额 1 项" in page.locator(".messages").inner_text()

    county = page_for("county_mzj")
    county.goto("/burden/")
    assert county.locator("#breach-total").inner_text() == "1"
    assert "城关镇 → 东关社区" in county.locator("#recent-breaches").inner_text()
    assert county.locator("#chart-dept svg").count() == 1  # ECharts drew from the local copy
