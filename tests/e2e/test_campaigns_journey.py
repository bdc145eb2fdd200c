"""Browser journey (专项行动): the county's 民政局 sets up the burden-reduction campaign and starts it;
the township officer keeps its 工作台账 on a phone; a 明察暗访 finding becomes a 整改 item that the
township rectifies with a photo and the county accepts; a stage with open work cannot be closed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jianfu.campaigns.models import Campaign, Finding, LedgerItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_the_county_runs_a_campaign_and_the_township_keeps_its_ledger_on_a_phone(page_for, world, tmp_path):
    county = page_for("county_mzj")
    county.goto("/campaigns/new/")
    county.fill("#id_title", "2026年城乡社区减负专项行动")
    county.fill("#id_basis", "汉民发〔2026〕12号")
    county.check("input[name=tasksets][value=apps]")
    today = timezone.localdate()
    county.fill("#id_stage1_start", f"{today - dt.timedelta(days=10):%Y-%m-%d}")
    county.click("button:has-text('创建')")
    county.click("button:has-text('启动专项行动')")
    county.wait_for_selector("text=进行中")
    campaign = Campaign.objects.get()
    assert campaign.state == "running"
    item = LedgerItem.objects.filter(campaign=campaign, township=world.chengguan).order_by("id").first()
    assert item is not None

    town = page_for("township_officer", mobile=True)
    town.goto(f"/campaigns/items/{item.pk}/")
    town.select_option("#id_status", "done")
    town.fill("#id_owner", "赵敏")
    town.fill("#id_note", "已清理镇村两级工作群 12 个，保留 2 个。")
    town.click("button:has-text('保存')")
    town.wait_for_selector("text=已清理镇村两级工作群")
    item.refresh_from_db()
    assert item.status == "done"

    county.goto(f"/campaigns/{campaign.pk}/inspections/new/")
    county.select_option("#id_target", str(world.dongguan.pk))
    county.fill("#id_date", f"{today:%Y-%m-%d}")
    county.select_option("#id_method", "covert")
    county.fill("#id_findings", "社区门外仍挂对口单位牌子")
    county.fill("#id_deadline", f"{today + dt.timedelta(days=10):%Y-%m-%d}")
    county.click("button:has-text('保存')")
    finding = Finding.objects.get(campaign=campaign)

    # The first stage cannot be closed while the finding is open.
    county.goto(f"/campaigns/{campaign.pk}/")
    county.click("button:has-text('结束阶段') >> nth=0")
    county.wait_for_selector("text=不能结束")

    photo = tmp_path / "摘牌.png"
    photo.write_bytes(PNG)
    town.goto(f"/campaigns/findings/{finding.pk}/")
    town.fill("textarea[name=text]", "已摘除对口单位牌子，门外只保留社区名称牌。")
    town.set_input_files("input[name=evidence]", str(photo))
    town.click("button:has-text('报送')")
    town.wait_for_selector("text=已摘除对口单位牌子")

    county.goto(f"/campaigns/findings/{finding.pk}/")
    county.click("button:has-text('验收通过')")
    county.wait_for_selector("text=已验收")
    finding.refresh_from_db()
    assert finding.state == "accepted"
