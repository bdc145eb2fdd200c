from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from jianfu.admission.tests.lists import publish_lists


@pytest.fixture
def lists(world: Any) -> Any:
    return publish_lists(world)


YEAR = dt.date.today().year


def form_data(**over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "社区人口基本情况统计表",
        "year": YEAR,
        "frequency_count": 1,
        "frequency_unit": "quarter",
        "due_dates": [f"{YEAR}-03-31", f"{YEAR}-06-30", f"{YEAR}-09-30", f"{YEAR}-12-31"],
        "basis": "《中华人民共和国统计法》",
        "basis_level": "national",
        "list_item_code": "F-01",
        "fields": [
            {"name": "户数", "type": "integer", "unit": "户"},
            {"name": "常住人口", "type": "integer", "unit": "人"},
            {"name": "60岁以上老年人数", "type": "integer", "unit": "人", "definition": "年满60周岁"},
            {"name": "家庭医生签约人数", "type": "integer", "unit": "人"},
        ],
    }
    data.update(over)
    return data
