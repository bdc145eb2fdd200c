"""The reduction report opens on the question a county asks: before and since the lists applied."""

from __future__ import annotations

import datetime as dt

from jianfu.burden import demo as burden_demo
from jianfu.burden import metrics
from jianfu.burden.views import _default_report_periods
from jianfu.catalog import demo as catalog_demo
from jianfu.catalog.selectors import current_version
from jianfu.orgs import demo as orgs_demo
from jianfu.orgs.models import Org


def test_without_published_lists_the_last_twelve_whole_months_are_compared_with_the_twelve_before(world):
    today = dt.date(2026, 11, 24)
    (b0, b1), (a0, a1) = _default_report_periods(world.county, today)
    assert (a0, a1) == (dt.date(2025, 11, 1), dt.date(2026, 10, 31))  # November has only begun
    assert (b0, b1) == (dt.date(2024, 11, 1), dt.date(2025, 10, 31))
    assert metrics.partial_months((b0, b1)) == [] and metrics.partial_months((a0, a1)) == []


def test_periods_of_unequal_length_are_compared_by_monthly_average():
    # 8 months of 80 hours against 7 months of 70 hours is the same burden, not a 12.5% cut.
    line = metrics.ReductionLine("meeting", "会议", 80, 70, 80.0, 70.0, 1, 1, before_months=8, after_months=7)
    assert line.hours_cut == 0.0 and line.count_cut == 0.0 and not line.equal_periods
    assert (line.before_monthly_hours, line.after_monthly_hours) == (10.0, 10.0)


def test_a_period_that_cuts_a_month_is_marked():
    assert metrics.partial_months((dt.date(2026, 3, 15), dt.date(2026, 11, 24))) == [
        dt.date(2026, 3, 1),
        dt.date(2026, 11, 1),
    ]
    assert metrics.partial_months((dt.date(2026, 2, 1), dt.date(2026, 2, 28))) == []


def test_the_demo_tells_its_story_the_lists_cut_the_burden(db):
    orgs_demo.load()
    catalog_demo.load()
    burden_demo.load()
    county = Org.objects.get(code="610921")
    effective = current_version(county).effective_date
    # The demo's ledger runs to November 2026; judge it as of then, whatever today is.
    before, after = _default_report_periods(county, dt.date(2026, 11, 24))
    assert after[0] == effective.replace(day=1) and after[1] == dt.date(2026, 10, 31)
    assert len(metrics.months_between(*before)) == len(metrics.months_between(*after))  # equal spans
    assert before[1] == after[0] - dt.timedelta(days=1)
    total = metrics.total_line(metrics.reduction(county, before, after))
    assert total.hours_cut is not None and total.hours_cut > 30  # hours per the seeds' kind of cut
    assert total.count_cut is not None and total.count_cut > 30
