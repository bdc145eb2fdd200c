from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from jianfu.formsreg import actions
from jianfu.formsreg.models import Schedule

from .conftest import YEAR


def schedule(world: Any, *forms: Any, publish: bool = True) -> Schedule:
    for form in forms:
        actions.do_schedule_form(world.chengguan, form, actor=world.township_officer, year=YEAR)
    plan = Schedule.objects.get(township=world.chengguan, year=YEAR)
    return actions.do_publish_schedule(plan, actor=world.township_officer) if publish else plan


def xlsx(rows: list[list[Any]]) -> SimpleUploadedFile:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("表样.xlsx", buffer.getvalue())
