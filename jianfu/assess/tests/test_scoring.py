"""Scores entered by hand or imported from Excel (all or nothing), results computed and published."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from jianfu.assess import actions, selectors
from jianfu.assess.choices import SchemeState
from jianfu.assess.models import Score
from jianfu.core.errors import ActionError, NotAllowed

from .helpers import ready_scheme


def _xlsx(rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("得分.xlsx", buf.getvalue())


@pytest.fixture
def scoring(world):
    return actions.do_open_scoring(ready_scheme(world), actor=world.township_officer)


def _fill(world, scheme, value=80):
    for community in (world.dongguan, world.xiguan, world.qiaoshang):
        for indicator in scheme.indicators.all():
            actions.do_enter_score(
                scheme,
                actor=world.township_officer,
                community_code=community.code,
                indicator_id=indicator.pk,
                value=value,
            )


def test_a_township_officer_scores_a_community_and_the_total_is_weighted(world, scoring):
    ind = list(scoring.indicators.all())  # 20, 20, 30, 30
    for indicator, value in zip(ind, (100, 50, 80, 90), strict=True):
        actions.do_enter_score(
            scoring,
            actor=world.township_officer,
            community_code=world.dongguan.code,
            indicator_id=indicator.pk,
            value=value,
        )
    _indicators, rows = selectors.results(scoring)
    row = next(r for r in rows if r.community == world.dongguan)
    assert row.total == Decimal("81.00")  # 20 + 10 + 24 + 27
    assert row.resident == Decimal("51.00") and row.rank == 1


@pytest.mark.parametrize("value", ["101", "-1", "abc", "NaN", ""])
def test_a_score_outside_0_to_100_is_refused(world, scoring, value):
    indicator = scoring.indicators.first()
    with pytest.raises(ActionError, match="0 至 100"):
        actions.do_enter_score(
            scoring,
            actor=world.township_officer,
            community_code=world.dongguan.code,
            indicator_id=indicator.pk,
            value=value,
        )
    assert not Score.objects.exists()


def test_a_community_of_another_township_cannot_be_scored(world, scoring):
    with pytest.raises(ActionError, match="不属于本乡镇"):
        actions.do_enter_score(
            scoring,
            actor=world.township_officer,
            community_code=world.jianchi_sq.code,
            indicator_id=scoring.indicators.first().pk,
            value=90,
        )
    assert not Score.objects.exists()


def test_a_department_cannot_enter_scores(world, scoring):
    with pytest.raises(NotAllowed):
        actions.do_enter_score(
            scoring,
            actor=world.dept_officer,
            community_code=world.dongguan.code,
            indicator_id=scoring.indicators.first().pk,
            value=90,
        )
    assert not Score.objects.exists()


def test_scores_import_from_excel(world, scoring):
    titles = [i.title for i in scoring.indicators.all()]
    upload = _xlsx(
        [
            ["社区编码", "社区名称", *titles],
            [world.dongguan.code, "东关社区", 90, 80, 70, 60],
            [world.xiguan.code, "西关社区", 50, 50, 50, 50],
        ]
    )
    assert actions.do_import_scores(scoring, actor=world.township_officer, upload=upload) == 8
    assert Score.objects.filter(community=world.dongguan).count() == 4


def test_an_import_with_one_bad_cell_saves_nothing_and_names_the_cell(world, scoring):
    titles = [i.title for i in scoring.indicators.all()]
    upload = _xlsx(
        [
            ["社区编码", "社区名称", *titles],
            [world.dongguan.code, "东关", 90, 80, 70, 60],
            [world.xiguan.code, "西关", 50, "很好", 50, 50],
        ]
    )
    with pytest.raises(ActionError) as exc:
        actions.do_import_scores(scoring, actor=world.township_officer, upload=upload)
    assert "未保存任何得分" in exc.value.message
    assert exc.value.errors == [{"row": 3, "column": "D", "message": "得分须为 0 至 100 之间的数字。"}]
    assert not Score.objects.exists()


def test_an_import_of_a_community_of_another_county_is_refused(world, scoring):
    titles = [i.title for i in scoring.indicators.all()]
    upload = _xlsx([["社区编码", "社区名称", *titles], [world.other_community.code, "江南社区", 90, 80, 70, 60]])
    with pytest.raises(ActionError):
        actions.do_import_scores(scoring, actor=world.township_officer, upload=upload)
    assert not Score.objects.exists()


def test_a_file_that_is_not_excel_is_refused(world, scoring):
    with pytest.raises(ActionError, match="Excel"):
        actions.do_import_scores(scoring, actor=world.township_officer, upload=SimpleUploadedFile("a.xlsx", b"hello"))


def test_results_publish_only_when_every_community_is_scored(world, scoring):
    with pytest.raises(ActionError, match="未录入"):
        actions.do_publish_scheme(scoring, actor=world.township_officer)
    _fill(world, scoring)
    scheme = actions.do_publish_scheme(scoring, actor=world.township_officer)
    assert scheme.state == SchemeState.PUBLISHED and scheme.published_at is not None
    with pytest.raises(ActionError, match="评分中"):
        actions.do_enter_score(
            scheme,
            actor=world.township_officer,
            community_code=world.dongguan.code,
            indicator_id=scheme.indicators.first().pk,
            value=1,
        )
    assert list(selectors.published_schemes(world.county)) == [scheme]
    assert not selectors.published_schemes(world.other_county).exists()


def test_a_community_sees_only_its_own_row(world, scoring):
    _fill(world, scoring)
    scheme = actions.do_publish_scheme(scoring, actor=world.township_officer)
    _i, rows = selectors.results_for(world.community_worker, scheme)
    assert [r.community for r in rows] == [world.dongguan]
    assert selectors.schemes_for(world.dept_officer).count() == 0
    assert selectors.schemes_for(world.other_county_officer).count() == 0
    assert selectors.schemes_for(world.county_mzj).count() == 1
