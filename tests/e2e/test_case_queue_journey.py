"""Browser journey: 民政局 works the grouped case queue (issue 19 point 1) at 1366×768 and on a
390×844 phone — an over-limit meeting for several communities is one case listing them, and a
tick-all plus one confirmed 批量核查不属实 with one reason closes the ticked cases, each through the
engine."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.burden import actions as burden_actions
from jianfu.burden.choices import Kind
from jianfu.supervision.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("mobile", [False, True], ids=["desktop", "phone"])
def test_the_office_dismisses_grouped_breach_cases_in_one_confirmed_step(page_for, world, mobile):
    for month in (3, 4):
        for i in range(5):
            burden_actions.do_record_event(
                actor=world.township_officer, kind=Kind.MEETING, convener=world.chengguan, title=f"例会{i}",
                occurred_on=dt.date(2026, month, 2) + dt.timedelta(days=i), minutes=60,
                communities=[world.dongguan, world.xiguan, world.qiaoshang], reason="防汛紧急部署",
            )  # fmt: skip
    assert Case.objects.filter(source="breach").count() == 2  # one per month, not one per community
    page = page_for("county_mzj", mobile=mobile)
    if not mobile:
        page.set_viewport_size({"width": 1366, "height": 768})
    page.goto("/supervision/cases/")
    assert page.locator("text=涉及 3 个社区").count() == 2
    page.check("[data-check-all=case]")
    page.fill("#bulk-reason", "经核实为防汛紧急部署，已报县防指备案")
    page.once("dialog", lambda d: d.accept())
    page.click("button[name=action][value=dismiss]")
    page.wait_for_selector("text=已对 2 个案件核查不属实并了结")
    assert set(Case.objects.filter(source="breach").values_list("state", flat=True)) == {"unsubstantiated"}
