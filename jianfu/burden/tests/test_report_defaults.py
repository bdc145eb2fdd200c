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


def test_without_published_lists_the_last_year_is_compared_with_the_one_before(world):
    today = dt.date(2026, 11, 24)
    (b0, b1), (a0, a1) = _default_report_periods(world.county, today)
    assert a1 == today and b1 == a0 - dt.timedelta(days=1) and b0 < b1 < a0


def test_the_demo_tells_its_story_the_lists_cut_the_burden(db):
    orgs_demo.load()
    catalog_demo.load()
    burden_demo.load()
    county = Org.objects.get(code="610921")
    effective = current_version(county).effective_date
    # The demo's ledger runs to November 2026; judge it as of then, whatever today is.
    before, after = _default_report_periods(county, dt.date(2026, 11, 24))
    assert after[0] == effective.replace(day=1)
    assert (before[1] - before[0]).days >= (after[1] - after[0]).days - 31  # comparable spans
    total = metrics.total_line(metrics.reduction(county, before, after))
    assert total.hours_cut is not None and total.hours_cut > 30  # hours per the seeds' kind of cut
    assert total.count_cut is not None and total.count_cut > 30
