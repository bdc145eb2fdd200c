"""Demo tasks for 东关社区 (610921100001) with every verdict: listed, admitted, unlisted, negative.

Idempotent: skipped when any dispatch exists in 汉阴县.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from jianfu.admission.models import Application
from jianfu.catalog.choices import Category
from jianfu.catalog.selectors import current_items
from jianfu.orgs.models import Org, User

from . import actions
from .models import Dispatch

DONGGUAN = "610921100001"
CHENGGUAN = "610921100"


@transaction.atomic
def load() -> None:
    users = {u.username: u for u in User.objects.filter(username__in=["wjj", "rsj", "chengguan", "dongguan"])}
    community = Org.objects.filter(code=DONGGUAN).first()
    if community is None or len(users) < 4 or Dispatch.objects.within("610921").exists():
        return
    deadline = (timezone.localdate() + dt.timedelta(days=14)).isoformat()
    item = current_items(community).filter(category=Category.ASSIST).first()
    approved = Application.objects.within("610921").filter(state="approved").first()

    def send(actor, title, description, targets, confirm=False, **extra):
        return actions.do_send_task(
            actor=actor,
            data={"targets": targets, "title": title, "description": description, "deadline": deadline,
                  "expected_minutes": extra.pop("minutes", 60), **extra},
            confirm_unlisted=confirm,
        )  # fmt: skip

    if item is not None:
        send(
            users["wjj"],
            f"{item.title}（第四季度）",
            "请于月底前完成本季度工作并反馈。",
            [CHENGGUAN],
            list_item_code=item.code,
        )
        done = send(
            users["chengguan"],
            f"{item.title}：入户补登",
            "对上次未联系到的居民补登。",
            [DONGGUAN],
            list_item_code=item.code,
        )
        actions.do_complete_task(done.tasks.get(), actor=users["dongguan"], minutes=50)
    if approved is not None:
        send(
            users["wjj"],
            "经济普查入户登记（第一批）",
            "配合普查员入户登记个体经营户。",
            [CHENGGUAN],
            application_id=approved.pk,
            minutes=240,
        )
    send(
        users["rsj"],
        "统计辖区灵活就业人员台账，每周上报",
        "请社区每周一上报灵活就业人员花名册。",
        [DONGGUAN],
        confirm=True,
    )
    refused = send(users["rsj"], "填报社区就业见习基地情况表", "每月 5 日前报送。", [DONGGUAN], confirm=True)
    actions.do_refuse_task(refused.tasks.get(), actor=users["dongguan"])
    send(
        users["chengguan"],
        "社区牵头开展占道经营整治",
        "由社区负责辖区占道经营整治和市容秩序巡查，每周上报。",
        [DONGGUAN],
        confirm=True,
    )
