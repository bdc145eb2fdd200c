from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from jianfu.certs.crypto import check_char

CERT_BASIS = "《关于深化村（社区）证明事项清理工作的通知》"
ITEMS = [
    {"code": "ZM-01", "title": "居住证明", "cert_kind": "allowed", "minutes_per_occurrence": "15"},
    {"code": "ZM-14", "title": "亲属关系证明", "cert_kind": "allowed", "minutes_per_occurrence": "20"},
    {"code": "ZM-17", "title": "健在证明", "cert_kind": "allowed", "minutes_per_occurrence": "10"},
    {
        "code": "ZJ-01",
        "title": "无犯罪记录证明",
        "cert_kind": "forbidden",
        "scope": "由公安机关出具，不得要求社区开具。",
    },
    {"code": "ZJ-02", "title": "房屋产权归属证明", "cert_kind": "forbidden", "scope": "由不动产登记机构查询。"},
]
SEALS = [
    {"code": "YZ-01", "title": "出具证明事项清单所列的证明"},
    {"code": "YZ-02", "title": "以村（居）民委员会名义对外行文、报送工作报告"},
]


def valid_id(first17: str = "61092119900101123") -> str:
    return first17 + check_char(first17)


def bad_checksum(number: str) -> str:
    last = "0" if number[-1] != "0" else "1"
    return number[:17] + last


def publish_cert_lists(world: Any) -> Any:
    from jianfu.catalog.actions import do_add_item, do_open_draft, do_publish_version
    from jianfu.catalog.models import ListVersion

    county, actor = world.county, world.county_mzj
    do_open_draft(county, actor=actor)
    for data in ITEMS:
        do_add_item(county, actor=actor, data={**data, "category": "certificate", "basis": CERT_BASIS})
    for data in SEALS:
        do_add_item(county, actor=actor, data={**data, "category": "seal", "basis": "《汉阴县社区减负增效工作方案》"})
    draft = ListVersion.objects.get(org=county, status="draft")
    return do_publish_version(draft, actor=actor, effective_date=dt.date(2025, 3, 1), note="证明测试")


@pytest.fixture
def cert_lists(world: Any) -> Any:
    return publish_cert_lists(world)


RESIDENT_NAME = "王秀兰"
RESIDENT_ID = valid_id()


def issue_data(**over: Any) -> dict[str, Any]:
    data = {
        "item_code": "ZM-01",
        "resident_name": RESIDENT_NAME,
        "id_number": RESIDENT_ID,
        "purpose": "办理子女入学",
        "agency": "汉阴县城关小学",
        "seal": "committee",
    }
    data.update(over)
    return data


@pytest.fixture
def issued(world: Any, cert_lists: Any) -> Any:
    from jianfu.certs.actions import do_issue_certificate

    return do_issue_certificate(world.dongguan, actor=world.community_worker, data=issue_data())
