from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from jianfu.admission.actions import do_create_application

from .lists import publish_lists


@pytest.fixture
def lists(world: Any) -> Any:
    return publish_lists(world)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def app_data(**over: Any) -> dict[str, Any]:
    today = dt.date.today()
    data = {
        "kind": "adhoc",
        "affairs": "government",
        "title": "协助开展第五次全国经济普查入户登记",
        "description": "配合普查员入户，核实辖区个体经营户名单，动员居民如实申报。",
        "basis": "《全国经济普查条例》第十条",
        "category": "assist",
        "community_roles": ["home_visit", "mobilise"],
        "funding_amount": "3000",
        "funding_source": "县统计局普查专项经费",
        "frequency_count": "1",
        "frequency_unit": "year",
        "minutes_per_occurrence": "240",
        "target_scope": "all",
        "applies_to": "both",
        "start_date": today.isoformat(),
        "end_date": (today + dt.timedelta(days=180)).isoformat(),
    }
    data.update(over)
    return data


@pytest.fixture
def make_app(world: Any) -> Any:
    def make(actor: Any = None, **over: Any) -> Any:
        return do_create_application(actor=actor or world.dept_officer, data=app_data(**over))

    return make
