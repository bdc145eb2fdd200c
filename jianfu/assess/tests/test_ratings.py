"""Two-way evaluation (履职履约双向评价, seed 004): communities rate the township and departments."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.assess import actions, selectors
from jianfu.assess.models import Rating
from jianfu.core.errors import ActionError, NotAllowed


def test_a_community_rates_its_township_and_a_department_and_the_county_sees_it(world):
    cw = world.community_worker
    actions.do_rate(actor=cw, target_code=world.chengguan.code, year=2026, score=4)
    actions.do_rate(actor=cw, target_code=world.wjj.code, year=2026, score=2, funding_on_time=False, unlisted_work=True)
    actions.do_rate(actor=cw, target_code=world.wjj.code, year=2026, score=1)  # revised, not doubled
    assert Rating.objects.count() == 2
    summary = {row["target__name"]: row for row in selectors.rating_summary(world.county_mzj, 2026)}
    assert summary["汉阴县卫生健康局"]["avg"] == 1 and summary["城关镇"]["avg"] == 4
    assert selectors.rating_summary(world.other_county_officer, 2026) == []
    assert selectors.ratings_for(world.dept_officer).count() == 0


def test_the_department_rating_reaches_the_scoreboard_figure(world):
    actions.do_rate(actor=world.community_worker, target_code=world.wjj.code, year=2026, score=3)
    figure = selectors.ratings_by_department(world.county_mzj, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert figure == {world.wjj.pk: 3}


@pytest.mark.parametrize(
    ("target", "score", "message"), [("jianchi", 3, "本乡镇"), ("other_dept", 3, "本乡镇"), ("wjj", 6, "1 至 5")]
)
def test_a_bad_rating_is_refused(world, target, score, message):
    with pytest.raises(ActionError, match=message):
        actions.do_rate(actor=world.community_worker, target_code=getattr(world, target).code, year=2026, score=score)
    assert not Rating.objects.exists()


def test_only_a_community_rates(world):
    with pytest.raises(NotAllowed):
        actions.do_rate(actor=world.township_officer, target_code=world.wjj.code, year=2026, score=5)
    assert not Rating.objects.exists()
