"""Real published lists fit: provenance, statutory duties, 费随事转, plaques, seal use, duplicates."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from jianfu.catalog.actions import DuplicateRows, do_add_item, do_import_items
from jianfu.catalog.exports import HEADER, version_workbook
from jianfu.catalog.models import ListItem
from jianfu.core.errors import ActionError

from .conftest import publish_items, row, workbook_bytes

pytestmark = pytest.mark.django_db

RJZ_ASSIST = {
    "code": "XZ-F01",
    "title": "协助人民政府或者它的派出机关做好与居民利益有关的公共卫生、优抚救济、青少年教育等项工作",
    "category": "依法协助政府工作事项",
    "basis": "《中华人民共和国城市居民委员会组织法》第三条第五项",
    "statutory": "是",
    "issuer": "全国人民代表大会常务委员会",
    "issued_on": "1989-12-26",
    "source_level": "国家",
    "bodies": "居委会",
    "community_types": "城市社区",
    "department": None,
    "funding_amount": None,
    "funding_source": None,
    "community_roles": None,
}


def test_a_statutory_assist_duty_imports_without_department_roles_or_funding(world):
    draft = do_import_items(world.county, actor=world.county_mzj, upload=workbook_bytes([row(**RJZ_ASSIST)]))
    item = draft.items.get()
    assert item.category == "assist" and item.statutory and item.department is None and item.funding_amount is None
    assert (item.issuer, item.source_level, item.bodies, item.community_types) == (
        "全国人民代表大会常务委员会",
        "national",
        ["residents"],
        ["urban"],
    )


def test_statutory_means_a_law_is_cited_by_name(world):
    with pytest.raises(ActionError) as exc:
        do_import_items(
            world.county,
            actor=world.county_mzj,
            upload=workbook_bytes([row(**(RJZ_ASSIST | {"basis": "县政府通知"}))]),
        )
    assert {e["label"] for e in exc.value.errors} >= {"制度依据"}
    assert any("法律或法规名称" in e["message"] for e in exc.value.errors)


@pytest.mark.parametrize("category", ["填报表格", "公共服务事项", "考核评比/创建达标", "工作机制与牌子"])
def test_any_item_a_department_puts_on_communities_that_adds_hours_needs_funding(world, category):
    with pytest.raises(ActionError) as exc:
        do_import_items(
            world.county,
            actor=world.county_mzj,
            upload=workbook_bytes([row("BG-01", "流动人口登记月报表", category=category, department="卫生健康局")]),
        )
    assert {e["column"] for e in exc.value.errors} == {"J", "K"}
    assert all("费随事转" in e["message"] for e in exc.value.errors)
    funded = row(
        "BG-01", "流动人口登记月报表", category=category, department="卫生健康局", funding_amount=800,
        funding_source="县卫健局工作经费",
    )  # fmt: skip
    assert do_import_items(world.county, actor=world.county_mzj, upload=workbook_bytes([funded])).items.count() == 1


def test_the_communitys_own_work_without_a_department_needs_no_funding(world):
    own = row("FW-01", "社区志愿服务时长记录", category="公共服务事项", department=None)
    no_hours = row("BG-02", "年度报表", category="填报表格", minutes_per_occurrence=0)
    draft = do_import_items(world.county, actor=world.county_mzj, upload=workbook_bytes([own, no_hours]))
    assert draft.items.count() == 2


def test_a_plaque_carries_kind_position_and_quota_and_a_forbidden_plaque_is_no_burden(world):
    plaques = [
        row("JP-01", "社区党组织、居民委员会牌子", category="工作机制与牌子", department=None,
            plaque_kind="允许悬挂", plaque_position="门口", plaque_quota=2),
        row("JP-02", "综治中心对口挂牌", category="工作机制与牌子", department=None,
            plaque_kind="不得悬挂", plaque_position="门口"),
    ]  # fmt: skip
    draft = do_import_items(world.county, actor=world.county_mzj, upload=workbook_bytes(plaques))
    ok, banned = draft.items.get(code="JP-01"), draft.items.get(code="JP-02")
    assert (ok.plaque_kind, ok.plaque_position, ok.plaque_quota) == ("allowed", "outside", 2) and ok.carries_burden
    assert banned.plaque_kind == "forbidden" and not banned.carries_burden


def test_plaque_fields_on_another_category_are_refused(world):
    with pytest.raises(ActionError) as exc:
        do_import_items(
            world.county, actor=world.county_mzj, upload=workbook_bytes([row("A-1", "调解", plaque_kind="允许悬挂")])
        )
    assert any("牌子" in e["message"] for e in exc.value.errors)


def test_seal_use_scope_is_a_list_of_its_own(world):
    seal = row("YZ-01", "出具证明事项清单所列的证明", category="印章使用范围", department=None,
               conditions="社区不再出具超出公章使用范围的各类证明。")  # fmt: skip
    item = do_import_items(world.county, actor=world.county_mzj, upload=workbook_bytes([seal])).items.get()
    assert item.category == "seal" and item.get_category_display() == "印章使用范围"


def test_provenance_round_trips_through_the_excel_export(world):
    data = {
        "code": "LZ-01", "title": "调解民间纠纷", "category": "duty", "basis": "《城市居民委员会组织法》第三条",
        "issuer": "汉阴县人民政府办公室", "doc_number": "汉政办发〔2016〕88号", "issued_on": "2016-07-13",
        "source_level": "county", "batch": "第一批", "adopted_from": "安政办发〔2016〕7号",
        "bodies": ["residents", "villagers"], "community_types": ["urban", "agri"],
        "conditions": "未经县委县政府统一部署，不得以社区名义开展。",
    }  # fmt: skip
    v1 = publish_items(world, [data])
    exported = version_workbook(v1)
    assert [c.value for c in exported.worksheets[0][1]][: len(HEADER)] == HEADER
    import io

    buffer = io.BytesIO()
    exported.save(buffer)
    buffer.seek(0)
    assert load_workbook(buffer).worksheets[0]["R2"].value == "汉阴县人民政府办公室"
    buffer.seek(0)
    item = do_import_items(world.county, actor=world.county_mzj, upload=buffer).items.get()
    fields = ["issuer", "doc_number", "issued_on", "source_level", "batch", "adopted_from", "bodies",
              "community_types", "conditions"]  # fmt: skip
    original = v1.items.get()
    assert {f: getattr(item, f) for f in fields} == {f: getattr(original, f) for f in fields}


def test_a_file_in_the_original_sixteen_column_template_still_imports(world):
    old_header = HEADER[:16]
    draft = do_import_items(
        world.county,
        actor=world.county_mzj,
        upload=workbook_bytes([row("A-1", "调解民间纠纷")[:16]], header=old_header),
    )
    assert draft.items.get().issuer == ""


def _dupes() -> list[list[Any]]:
    return [row("ZM-01", "居住证明"), row("ZM-02", "高龄证明"), row("ZM-07", "居住 证明。")]


def test_duplicate_rows_are_flagged_naming_the_item_they_repeat_and_nothing_is_saved(world):
    publish_items(world, [{"code": "A-09", "title": "高龄证明", "category": "duty", "basis": "《组织法》"}])
    with pytest.raises(DuplicateRows) as exc:
        do_import_items(world.county, actor=world.county_mzj, upload=workbook_bytes(_dupes()))
    messages = [w["message"] for w in exc.value.errors]
    assert "第 4 行「居住 证明。」（ZM-07）与第 2 行事项「居住证明」（ZM-01）重复。" in messages
    assert "第 3 行「高龄证明」（ZM-02）与现行第 1 版事项「高龄证明」（A-09）重复。" in messages
    assert not ListItem.objects.filter(version__status="draft").exists()


def test_confirmed_duplicates_are_imported(world):
    draft = do_import_items(
        world.county, actor=world.county_mzj, upload=workbook_bytes(_dupes()), confirm_duplicates=True
    )
    assert draft.items.count() == 3


def test_the_import_page_lists_duplicates_and_imports_after_confirmation(world, client_for):
    client = client_for("county_mzj")
    page = client.post("/lists/import/", {"file": workbook_bytes(_dupes())})
    html = page.content.decode()
    assert page.status_code == 200 and "疑似重复的事项（1）" in html and "ZM-07" in html and "ZM-01" in html
    assert not ListItem.objects.exists()
    token = page.context["pending"]
    done = client.post("/lists/import/", {"pending": token})
    assert done.status_code == 302 and ListItem.objects.filter(version__status="draft").count() == 3
    # The token is spent; another user's session cannot use it either.
    assert client_for("county_zzb").post("/lists/import/", {"pending": token}).status_code == 302


def test_the_import_api_answers_409_with_the_duplicates_until_confirmed(world, api_client_for):
    client = api_client_for("county_mzj")
    response = client.post("/api/v1/lists/610921/import", {"file": workbook_bytes(_dupes())})
    assert response.status_code == 409 and response.json()["errors"][0]["duplicate_of"]["code"] == "ZM-01"
    response = client.post("/api/v1/lists/610921/import?confirm_duplicates=true", {"file": workbook_bytes(_dupes())})
    assert response.status_code == 200 and response.json()["draft_items"] == 3


def test_the_public_item_page_shows_provenance_and_conditions(world):
    publish_items(
        world,
        [{"code": "LZ-01", "title": "调解民间纠纷", "category": "duty", "basis": "《城市居民委员会组织法》第三条",
          "issuer": "全国人民代表大会常务委员会", "source_level": "national", "doc_number": "汉政办发〔2016〕88号",
          "adopted_from": "安政办发〔2016〕7号", "bodies": "居委会", "conditions": "未经统一部署不得开展。"}],
    )  # fmt: skip
    html = Client().get("/public/lists/610921/items/LZ-01/").content.decode()
    for text in (
        "全国人民代表大会常务委员会",
        "国家",
        "汉政办发〔2016〕88号",
        "安政办发〔2016〕7号",
        "居委会",
        "未经统一部署不得开展",
    ):
        assert text in html, text
    api = Client().get("/api/v1/lists/610921").json()["items"][0]
    assert api["provenance"]["doc_number"] == "汉政办发〔2016〕88号" and api["statutory"] is False


def test_a_statutory_item_added_on_the_page_form_needs_no_department(world, client_for):
    response = client_for("county_mzj").post(
        "/lists/draft/items/new/",
        {"code": "XZ-F02", "title": "协助做好优抚救济工作", "category": "assist", "statutory": "on",
         "basis": "《中华人民共和国城市居民委员会组织法》第三条", "frequency_unit": "year", "applies_to": "urban",
         "frequency_count": "1", "minutes_per_occurrence": "60", "issuer": "全国人民代表大会常务委员会"},
    )  # fmt: skip
    assert response.status_code == 302
    item = ListItem.objects.get(code="XZ-F02")
    assert item.statutory and item.issuer == "全国人民代表大会常务委员会"


def test_an_admission_application_always_names_its_funding(world):
    from jianfu.admission import actions as admission_actions

    with pytest.raises(ActionError) as exc:
        admission_actions.do_create_application(
            actor=world.dept_officer,
            data={"affairs": "government", "title": "每月报送考勤表", "description": "汇总考勤", "category": "form",
                  "basis": "《统计法》", "minutes_per_occurrence": "60", "frequency_unit": "month",
                  "start_date": "2026-06-01", "end_date": "2026-12-31"},
        )  # fmt: skip
    assert {e["field"] for e in exc.value.errors} >= {"funding_amount", "funding_source"}


def test_do_add_item_refuses_a_bad_level(world):
    with pytest.raises(ActionError) as exc:
        do_add_item(world.county, actor=world.county_mzj, data={"code": "A", "title": "x", "category": "duty",
                                                                 "basis": "《法》", "source_level": "乡"})  # fmt: skip
    assert exc.value.errors[0]["message"] == "层级只能是：国家、省、市、县。"
