from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from jianfu.admission.tests.lists import publish_lists


@pytest.fixture
def lists(world: Any) -> Any:
    return publish_lists(world)


def task_data(**over: Any) -> dict[str, Any]:
    data = {
        "targets": ["610921100001"],
        "title": "组织老年人参加健康体检",
        "description": "通知辖区65岁以上老年人本周到镇卫生院免费体检。",
        "list_item_code": "",
        "application_id": None,
        "deadline": (dt.date.today() + dt.timedelta(days=10)).isoformat(),
        "expected_minutes": 90,
    }
    data.update(over)
    return data
