"""Period presets (本月/上月/本季度/…) on the pages people filter by period."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest

from jianfu.core.dates import presets


def test_presets_cover_the_month_quarter_and_year_and_their_predecessors():
    got = {label: (a, b) for label, a, b in presets(dt.date(2026, 2, 10))}
    assert got["本月"] == (dt.date(2026, 2, 1), dt.date(2026, 2, 10))
    assert got["上月"] == (dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    assert got["本季度"] == (dt.date(2026, 1, 1), dt.date(2026, 2, 10))
    assert got["上季度"] == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert got["上年"] == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert got["近12个月"] == (dt.date(2025, 3, 1), dt.date(2026, 2, 10))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "url", "start", "end"),
    [("county_mzj", "/burden/?region=610921100", "from", "to"),
     ("county_mzj", "/supervision/scoreboard/", "start", "end"),
     ("county_mzj", "/events/ranking/", "start", "end")],
)  # fmt: skip
def test_each_period_page_offers_presets_that_keep_its_other_filters(world, client_for, persona, url, start, end):
    html = client_for(persona).get(url).content.decode()
    assert 'class="presets"' in html and "本季度" in html
    href = html.split('class="presets"', 1)[1].split('href="', 2)[1].split('"', 1)[0].replace("&amp;", "&")
    query = parse_qs(urlsplit(href).query)
    assert query[start] == [dt.date.today().replace(day=1).isoformat()] and end in query
    if "region=" in url:
        assert query["region"] == ["610921100"]
