"""Drafts made through the real actions, for the workflow and page tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from jianfu.drafts.actions import do_submit_draft

from . import samples

# A county notice with one pushed-down clause (a village form with a deadline) and one clean one.
TITLE = "关于开展农村生产生活条件现状调查的通知"


def future(days: int = 10) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def submit(world: Any, *, actor: str = "dept_officer", text: str = samples.NOTICE, **extra: Any) -> Any:
    data = {"title": TITLE, "affairs": "government", "issue_date": future(), "text": text, **extra}
    return do_submit_draft(actor=getattr(world, actor), data=data)
