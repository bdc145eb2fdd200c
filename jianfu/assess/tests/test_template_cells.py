"""The score template, read back with openpyxl: scores limited to 0–100, a frozen header, widths
and a 填写说明 sheet; the rows are the township's communities, no example to import."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from jianfu.assess import actions

from .helpers import ready_scheme

pytestmark = pytest.mark.django_db


def test_the_score_template_limits_scores_and_explains_itself(world, client_for):
    scheme = actions.do_open_scoring(ready_scheme(world), actor=world.township_officer)
    response = client_for("township_officer").get(f"/assess/{scheme.pk}/template.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "A2" and sheet.column_dimensions["B"].width == 20
    scores = [dv for dv in sheet.data_validations.dataValidation if str(dv.sqref).startswith("C2")]
    assert scores and scores[0].type == "decimal" and (scores[0].formula1, scores[0].formula2) == ("0", "100")
    assert all(row[0] for row in sheet.iter_rows(min_row=2, values_only=True))  # communities only
    guide = [row[0] for row in book["填写说明"].iter_rows(values_only=True)]
    assert guide[:3] == ["列", "社区编码", "社区名称"] and "导入规则" in guide
