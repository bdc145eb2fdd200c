"""The demo loads 城关镇's published assessment and two-way ratings, and loads once."""

from __future__ import annotations

from jianfu.assess import demo
from jianfu.assess.models import Objection, Rating, Scheme, SurveyAnswer, Visit


def test_the_demo_publishes_last_years_results_and_is_idempotent(db):
    from jianfu.catalog import demo as catalog_demo
    from jianfu.orgs import demo as orgs_demo

    orgs_demo.load()
    catalog_demo.load()
    demo.load()
    demo.load()
    states = sorted(Scheme.objects.values_list("state", flat=True))
    assert states == ["published", "scoring"]
    assert Rating.objects.exists()
    assert SurveyAnswer.objects.count() == 20 and SurveyAnswer.objects.filter(status="flagged").count() == 4
    assert Objection.objects.count() == 1 and Visit.objects.count() == 4
