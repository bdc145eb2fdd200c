"""Pages, exports and the API: a township sees its own rows, the county all, another county 404."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from jianfu.campaigns import actions
from jianfu.campaigns.models import Campaign, LedgerItem
from jianfu.testing import pdf_facts

from .conftest import day, stages


def test_the_county_creates_a_campaign_from_the_page_and_a_script_title_saves_nothing(world, client_for):
    client = client_for("county_mzj")
    data = {"title": "<script>alert(1)</script>", "basis": "文件", "tasksets": ["apps"]}
    for n, (name, start, end) in enumerate(stages(), start=1):
        data |= {f"stage{n}_name": name, f"stage{n}_start": start.isoformat(), f"stage{n}_end": end.isoformat()}
    response = client.post("/campaigns/new/", data)
    assert response.status_code == 200 and "HTML 标签" in response.content.decode()
    assert not Campaign.objects.exists()
    response = client.post("/campaigns/new/", data | {"title": "减负专项行动", "stage2_start": "2026-02-30"})
    assert response.status_code == 200 and not Campaign.objects.exists()
    response = client.post("/campaigns/new/", data | {"title": "减负专项行动"})
    assert response.status_code == 302 and Campaign.objects.get().title == "减负专项行动"


def test_closing_a_stage_with_open_rows_shows_the_chinese_message(world, client_for, campaign):
    stage = campaign.stages.get(position=1)
    response = client_for("county_mzj").post(f"/campaigns/{campaign.pk}/stages/{stage.pk}/close/", follow=True)
    assert "还有 10 项台账任务" in response.content.decode()
    stage.refresh_from_db()
    assert stage.state == "open"


def test_a_township_sees_its_own_ledger_rows_only(world, client_for, campaign):
    html = client_for("township_officer").get(f"/campaigns/{campaign.pk}/ledger/").content.decode()
    mine = campaign.items.filter(township=world.chengguan).first()
    theirs = campaign.items.filter(township=world.jianchi).first()
    assert f"/campaigns/items/{mine.pk}/" in html and f"/campaigns/items/{theirs.pk}/" not in html
    assert client_for("township_officer").get(f"/campaigns/items/{theirs.pk}/").status_code == 404
    assert client_for("other_county_officer").get(f"/campaigns/{campaign.pk}/").status_code == 404


def test_the_api_ledger_is_scoped(world, api_client_for, campaign):
    url = f"/api/v1/campaigns/{campaign.pk}/ledger"
    town = api_client_for("township_officer").get(url).json()["items"]
    assert town and {r["township_code"] for r in town} == {world.chengguan.code}
    county = api_client_for("county_mzj").get(url).json()["items"]
    assert {r["township_code"] for r in county} == {world.chengguan.code, world.jianchi.code}
    assert len(county) == LedgerItem.objects.count()
    assert api_client_for("other_county_officer").get(url).status_code == 404
    assert api_client_for("dept_officer").get(url).status_code == 403
    listed = api_client_for("township_officer").get("/api/v1/campaigns").json()["items"]
    assert [c["id"] for c in listed] == [campaign.pk] and listed[0]["stages"][0]["name"] == "实施"
    assert api_client_for("other_county_officer").get("/api/v1/campaigns").json()["items"] == []


def _progress(world, campaign):
    item = campaign.items.filter(township=world.chengguan).first()
    actions.do_update_item(item, actor=world.township_officer, status="done", owner="赵敏", note="完成")
    actions.do_record_inspection(
        campaign, actor=world.county_mzj, target=world.jianchi, date=day(-3), group="联合检查组", method="open",
        findings="镇卫生院仍要求村委会出具证明", deadline=day(10),
    )  # fmt: skip


def test_the_report_excel_shows_every_townships_progress(world, client_for, campaign):
    _progress(world, campaign)
    response = client_for("county_mzj").get(f"/campaigns/{campaign.pk}/report.xlsx")
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    assert rows[0][0] == campaign.title
    by_town = {r[0]: r for r in rows[3:]}
    assert by_town["城关镇"][1:4] == (5, 1, 20)
    assert by_town["涧池镇"][8] == 1  # one finding open
    assert list(wb.worksheets[1].iter_rows(values_only=True))[1][2] == "镇卫生院仍要求村委会出具证明"
    assert client_for("township_officer").get(f"/campaigns/{campaign.pk}/report.xlsx").status_code == 403


def test_the_report_pdf_carries_the_townships_and_findings(world, client_for, campaign, cjk_font):
    _progress(world, campaign)
    response = client_for("county_zzb").get(f"/campaigns/{campaign.pk}/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    text, fonts = pdf_facts(response.content)
    assert "城关镇" in text and "涧池镇" in text and "镇卫生院仍要求村委会出具证明" in text and fonts


def test_the_demo_loads_once(world, db):
    from jianfu.campaigns import demo

    assert demo.load() is None  # without the demo accounts it does nothing
    assert not Campaign.objects.exists()


def test_the_township_updates_a_row_with_a_photo_and_an_oversized_file_saves_nothing(world, client_for, campaign):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .conftest import PNG, photo

    item = campaign.items.filter(township=world.chengguan).first()
    client = client_for("township_officer")
    big = SimpleUploadedFile("现场.png", PNG + b"\x00" * (11 * 1024 * 1024), content_type="image/png")
    response = client.post(
        f"/campaigns/items/{item.pk}/", {"status": "doing", "owner": "赵敏", "note": "摸排", "evidence": big}
    )
    assert response.status_code == 200 and "过大" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "todo" and not item.files.exists()
    response = client.post(
        f"/campaigns/items/{item.pk}/", {"status": "doing", "owner": "赵敏", "note": "摸排", "evidence": photo()}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "doing" and item.files.count() == 1
    stored = item.files.get()
    download = client.get(f"/campaigns/items/{item.pk}/files/{stored.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(PNG[:8])
    assert client_for("township2_officer").get(f"/campaigns/items/{item.pk}/files/{stored.pk}/").status_code == 404


def test_a_forged_row_from_another_township_or_county_changes_nothing(world, client_for, campaign):
    item = campaign.items.filter(township=world.chengguan).first()
    data = {"status": "done", "owner": "x", "note": "完成"}
    assert client_for("township2_officer").post(f"/campaigns/items/{item.pk}/", data).status_code == 404
    assert client_for("other_county_officer").post(f"/campaigns/items/{item.pk}/", data).status_code == 404
    item.refresh_from_db()
    assert item.status == "todo"


def test_the_township_rectifies_on_the_page_and_the_county_accepts(world, client_for, campaign):
    from .conftest import photo

    finding = actions.do_record_inspection(
        campaign, actor=world.county_mzj, target=world.dongguan, date=day(-1), group="联合检查组", method="covert",
        findings="门外仍挂对口牌子", deadline=day(5),
    ).findings.get()  # fmt: skip
    town = client_for("township_officer")
    response = town.post(f"/campaigns/findings/{finding.pk}/", {"text": "已摘牌"})
    assert response.status_code == 200 and "佐证材料" in response.content.decode()
    response = town.post(f"/campaigns/findings/{finding.pk}/", {"text": "已摘牌", "evidence": photo()})
    assert response.status_code == 302
    assert town.post(f"/campaigns/findings/{finding.pk}/decide/accept/").status_code == 403
    client_for("county_mzj").post(f"/campaigns/findings/{finding.pk}/decide/accept/")
    finding.refresh_from_db()
    assert finding.state == "accepted" and finding.files.count() == 1


def test_home_panels_show_the_townships_open_items_and_the_countys_waiting_rectifications(world, client_for, campaign):
    from .conftest import photo

    finding = actions.do_record_inspection(
        campaign, actor=world.county_mzj, target=world.chengguan, date=day(-1), group="联合检查组", method="open",
        findings="镇部门召开社区会议未经批准", deadline=day(5),
    ).findings.get()  # fmt: skip
    html = client_for("township_officer").get("/").content.decode()
    assert "专项行动工作台账" in html and "镇部门召开社区会议未经批准" in html
    assert "镇部门召开社区会议未经批准" not in client_for("township2_officer").get("/").content.decode()
    actions.do_rectify_finding(finding, actor=world.township_officer, text="已整改", files=[photo()])
    html = client_for("county_mzj").get("/").content.decode()
    assert "待验收的整改事项" in html and "城关镇：镇部门召开社区会议未经批准" in html
    assert "待验收的整改事项" not in client_for("other_county_officer").get("/").content.decode()
