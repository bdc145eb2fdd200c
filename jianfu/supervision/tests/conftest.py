"""Fixtures for supervision tests: a refusal case in 东关社区 against 卫生健康局, and helpers."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jianfu.supervision import actions
from jianfu.supervision.choices import CaseSource

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%fake but well-formed enough for sniffing\n"


def png(name: str = "现场.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def docx(name: str = "通知.docx") -> SimpleUploadedFile:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


@pytest.fixture
def case(world):
    return actions.do_open_case(
        actor=world.community_worker,
        source=CaseSource.REFUSAL,
        region_code=world.dongguan.region_code,
        title="要求社区开展食品安全检查",
        description="县卫健局通过工作群要求东关社区对辖区餐馆开展食品安全检查并上报台账。",
        rule_ref="负面清单 N-05 对辖区企业安全检查",
        community=world.dongguan,
        department=world.wjj,
    )


def substantiate(case, world):
    actions.do_move_case(case, "verify", actor=world.county_mzj)
    return actions.do_move_case(case, "substantiate", actor=world.county_mzj, reason="经电话核实，情况属实。")


def issue(case, world, *, deadline=None, now=None):
    substantiate(case, world)
    return actions.do_issue_order(
        case,
        actor=world.county_mzj,
        facts="要求社区检查餐馆。",
        rule="负面清单 N-05 对辖区企业安全检查",
        rectification="立即撤回，书面回复。",
        deadline=deadline or (timezone.localdate(now or timezone.now()) + dt.timedelta(days=10)),
        now=now,
    )


@pytest.fixture
def ordered(case, world):
    return issue(case, world)
