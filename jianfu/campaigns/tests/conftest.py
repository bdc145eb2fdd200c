from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jianfu.campaigns import actions
from jianfu.campaigns.models import Campaign

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def photo(name: str = "现场.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def day(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def stages() -> list[tuple[str, dt.date, dt.date]]:
    return [
        ("实施", day(-60), day(-31)),
        ("检查评估", day(-30), day(-11)),
        ("整改落实", day(-10), day(30)),
        ("持续巩固", day(31), day(120)),
    ]


def make_campaign(world: Any, *, start: bool = True, **kw: Any) -> Campaign:
    data = {
        "title": "社区减负专项行动",
        "basis": "汉民发〔2026〕12号",
        "tasksets": ["plaques", "apps"],
        "stages": stages(),
        **kw,
    }
    campaign = actions.do_create_campaign(actor=world.county_mzj, **data)
    if start:
        campaign = actions.do_start_campaign(campaign, actor=world.county_mzj)
    return campaign


@pytest.fixture
def campaign(world: Any) -> Campaign:
    return make_campaign(world)
