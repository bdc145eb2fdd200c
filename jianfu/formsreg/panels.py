"""Home panels: a community's forms due soon; a department's or township's registered forms."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.home import Panel

from . import selectors
from .permissions import can_register, is_community_worker


def calendar_panel(user: Any) -> Panel | None:
    if not is_community_worker(user):
        return None
    today = timezone.localdate()
    rows = [r for r in selectors.calendar_of(user.org, today.year)
            if r["submission"] is None and today <= r["due"] <= today + dt.timedelta(days=30)]  # fmt: skip
    lines = [(f"{r['due']:%m-%d} {r['form'].title}", reverse("formsreg:fill", args=[r["form"].pk])) for r in rows[:6]]
    return Panel(title=_("近期要报的表格"), count=len(rows), lines=lines, more_url=reverse("formsreg:calendar"),
                 empty_text=_("30 天内没有要报送的表格。"), order=15)  # fmt: skip


def registry_panel(user: Any) -> Panel | None:
    if not can_register(user):
        return None
    qs = selectors.forms_for(user).filter(owner_org=user.org)
    lines = [(f.title, reverse("formsreg:detail", args=[f.pk])) for f in qs[:5]]
    return Panel(title=_("本单位报备的表格"), count=qs.count(), lines=lines, more_url=reverse("formsreg:list"),
                 empty_text=_("尚未报备表格。"), order=45)  # fmt: skip
