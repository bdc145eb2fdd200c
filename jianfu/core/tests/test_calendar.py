"""The official working-day calendar: State Council holidays and 调休 from chinese-calendar, the
deployment's overrides, and the warning for a year whose schedule is not published."""

from __future__ import annotations

import datetime as dt

from django.template import Context, Template

from jianfu.core import calendar
from jianfu.core.tests.test_settings import PRODUCTION_ENV, run_django

D = dt.date


def test_fifteen_working_days_after_2026_09_25_end_on_2026_10_22_by_the_official_calendar():
    # National Day and Mid-Autumn (10-01..10-07 off) with the make-up Sundays/Saturdays 09-20, 10-10.
    assert calendar.add_working_days(D(2026, 9, 25), 15) == D(2026, 10, 22)


def test_a_make_up_weekend_day_is_a_working_day_and_a_holiday_weekday_is_not():
    assert calendar.is_working_day(D(2026, 10, 10))  # Saturday, 调休
    assert calendar.is_working_day(D(2026, 1, 4))  # Sunday, 调休 for New Year's Day
    assert not calendar.is_working_day(D(2026, 10, 5))  # Monday in the National Day holiday
    assert not calendar.is_working_day(D(2026, 10, 11))  # an ordinary Sunday


def test_working_days_between_counts_the_same_calendar_both_ways():
    assert calendar.working_days_between(D(2026, 9, 25), D(2026, 10, 22)) == 15
    assert calendar.working_days_between(D(2026, 10, 22), D(2026, 9, 25)) == -15


def test_the_deployment_overrides_win_over_the_official_schedule(settings):
    settings.CALENDAR_HOLIDAYS = ["2026-10-09"]  # a local day off
    settings.CALENDAR_WORKDAYS = ["2026-10-05"]  # a local day worked
    assert not calendar.is_working_day(D(2026, 10, 9))
    assert calendar.is_working_day(D(2026, 10, 5))
    # one day lost, one day gained: the deadline does not move
    assert calendar.add_working_days(D(2026, 9, 25), 15) == D(2026, 10, 22)


def test_an_unpublished_year_counts_monday_to_friday_and_says_so(settings):
    assert 2028 not in calendar.official_years()
    assert calendar.add_working_days(D(2028, 9, 29), 5) == D(2028, 10, 6)  # Friday → next Friday
    assert calendar.coverage_notice(D(2026, 12, 20), D(2028, 1, 10)) == (
        "2027年、2028年的法定节假日尚未公布，期限按周一至周五计算。"
    )
    assert calendar.coverage_notice(D(2026, 9, 25), D(2026, 10, 22)) == ""


def test_an_override_in_an_unpublished_year_declares_it_covered(settings):
    settings.CALENDAR_HOLIDAYS = ["2028-10-02", "2028-10-03"]
    assert calendar.coverage_notice(D(2028, 9, 29)) == ""
    assert calendar.add_working_days(D(2028, 9, 29), 1) == D(2028, 10, 4)


def test_the_template_tag_warns_only_for_an_uncovered_deadline():
    template = Template('{% load jianfu %}{% calendar_notice due %}|{% calendar_notice rows attr="due" %}')
    rows = [type("Row", (), {"due": D(2026, 5, 6)})(), type("Row", (), {"due": None})()]
    assert template.render(Context({"due": D(2026, 5, 6), "rows": rows})) == "|"
    html = template.render(Context({"due": D(2027, 1, 20), "rows": [*rows, type("R", (), {"due": D(2029, 1, 2)})()]}))
    assert html.count('class="msg warning calendar-notice"') == 2
    assert "2027年的法定节假日尚未公布" in html and "2029年的法定节假日尚未公布" in html


def test_a_malformed_override_stops_the_platform_at_start_with_the_variable_named(tmp_path):
    env = {**PRODUCTION_ENV, "JIANFU_DATA_DIR": str(tmp_path), "JIANFU_WORKDAYS": "2027-02-30"}
    result = run_django(["check"], env)
    assert result.returncode != 0 and "JIANFU_WORKDAYS: '2027-02-30' is not a date" in result.stderr
