"""Shared pieces of the events tests: the default tree, a photo, a report by the grid worker."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.events.actions import do_load_default_categories, do_report_event
from jianfu.events.models import Category
from jianfu.orgs.actions import do_create_grid

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def photo(name: str = "现场.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def setup(world: Any) -> Any:
    do_load_default_categories(world.county, actor=None)
    grid = do_create_grid(world.dongguan, actor=world.community_worker, name="东关第一网格")
    return grid


def category(world: Any, code: str = "0101") -> Category:
    return Category.objects.get(region_code=world.county.region_code, code=code)


def report(world: Any, grid: Any = None, text: str = "东关街菜市场门口流动摊贩占道经营，影响通行。", **kw: Any) -> Any:
    data = {"description": text, "category": "0101", "urgency": "normal", "place": "东关街菜市场", **kw.pop("data", {})}
    if grid is not None:
        data["grid"] = grid.code
    return do_report_event(
        actor=kw.pop("actor", world.community_worker), data=data, files=kw.pop("files", [photo()]), **kw
    )
