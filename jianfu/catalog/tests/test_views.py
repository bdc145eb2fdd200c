"""Internal list pages (who may see and do what) and the public pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from jianfu.catalog import selectors
from jianfu.catalog.actions import do_add_item, do_open_draft
from jianfu.catalog.models import ListItem

from .conftest import assist, publish_items, row, workbook_bytes

READERS = ["dept_officer", "township_officer", "community_worker", "sysadmin", "leading_group"]


def test_pages_need_a_login():
    client = Client()
    for path in ("/lists/", "/lists/v/1/", "/lists/draft/", "/lists/diff/", "/lists/import/", "/lists/template.xlsx"):
        response = client.get(path)
        assert response.status_code == 302 and "/login/" in response["Location"], path


@pytest.mark.parametrize("persona", ["county_mzj", *READERS])
def test_everyone_in_the_county_reads_the_published_lists(client_for, v1, persona):
    client = client_for(persona)
    page = client.get("/lists/").content.decode()
    assert "第 1 版" in page and "履职事项" in page
    detail = client.get("/lists/v/1/").content.decode()
    assert "调解民间纠纷" in detail and "36.0" in detail
    assert client.get("/lists/1/export.xlsx").status_code == 200


def test_another_county_sees_nothing_of_these_lists(client_for, v1):
    client = client_for("other_county_officer")
    page = client.get("/lists/").content.decode()
    assert "调解民间纠纷" not in page and "第 1 版" not in page
    assert client.get("/lists/v/1/").status_code == 404
    assert client.get("/lists/1/export.xlsx").status_code == 404


@pytest.mark.parametrize("persona", READERS)
def test_only_list_owners_see_and_edit_the_draft(world, client_for, v1, persona):
    do_open_draft(world.county, actor=world.county_mzj)
    item = selectors.draft_version(world.county).items.get(code="LZ-01")
    client = client_for(persona)
    assert "草稿" not in client.get("/lists/").content.decode().split("<h2>版本</h2>")[1]
    for path in (
        "/lists/draft/",
        "/lists/draft/items/new/",
        f"/lists/draft/items/{item.pk}/",
        "/lists/draft/publish/",
        "/lists/import/",
        "/lists/draft/export.xlsx",
    ):
        assert client.get(path).status_code == 404, path
    for path in (
        "/lists/draft/open/",
        f"/lists/draft/items/{item.pk}/delete/",
        "/lists/draft/publish/",
        "/lists/draft/discard/",
    ):
        assert client.post(path, {"effective_date": "2026-01-01", "title": "x"}).status_code == 404, path
    assert ListItem.objects.filter(pk=item.pk).exists()
    assert selectors.published_versions(world.county).count() == 1


def test_an_owner_edits_the_draft_and_publishes_it(world, client_for, v1):
    client = client_for("county_mzj")
    assert client.post("/lists/draft/open/").status_code == 302
    data = {
        "code": "XZ-02",
        "title": "协助开展禁毒宣传",
        "category": "assist",
        "basis": "禁毒法",
        "department": world.wjj.code,
        "community_roles": ["publicity"],
        "funding_amount": "2000",
        "funding_source": "县财政",
        "frequency_count": "1",
        "frequency_unit": "quarter",
        "minutes_per_occurrence": "60",
        "applies_to": "both",
    }
    assert client.post("/lists/draft/items/new/", data).status_code == 302
    item = selectors.draft_version(world.county).items.get(code="LZ-01")
    edit = client.get(f"/lists/draft/items/{item.pk}/").content.decode()
    assert "调解民间纠纷" in edit
    assert client.post(f"/lists/draft/items/{item.pk}/delete/").status_code == 302
    page = client.post("/lists/draft/publish/", {"title": "第二版", "effective_date": "2026-01-01", "note": "精简"})
    assert page.status_code == 302 and page["Location"] == "/lists/v/2/"
    v2 = selectors.current_version(world.county)
    assert v2.number == 2 and set(v2.items.values_list("code", flat=True)) == {"XZ-01", "XZ-02", "ZM-01", "FM-01"}
    diff = client.get("/lists/diff/?from=1&to=2").content.decode()
    assert "协助开展禁毒宣传" in diff and "调解民间纠纷" in diff and "减少" in diff


def test_a_bad_item_form_shows_chinese_field_errors_and_saves_nothing(world, client_for, v1):
    client = client_for("county_mzj")
    response = client.post(
        "/lists/draft/items/new/",
        {
            "code": "X 1",
            "title": "<script>alert(1)</script>",
            "category": "assist",
            "frequency_unit": "year",
            "applies_to": "both",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "编号须为" in page and "HTML" in page and "协助事项须落实经费" in page
    assert "<script>alert(1)</script>" not in page
    assert not ListItem.objects.filter(code="X 1").exists()


def test_an_item_of_another_county_or_a_published_version_is_a_404(world, client_for, v1):
    other = publish_items(
        world, [assist("XZ-01", "石泉事项")], owner=world.other_county, actor=world.other_county_officer
    )
    del other
    do_open_draft(world.other_county, actor=world.other_county_officer)
    foreign = selectors.draft_version(world.other_county).items.first()
    published = v1.items.first()
    client = client_for("county_mzj")
    do_open_draft(world.county, actor=world.county_mzj)
    for pk in (foreign.pk, published.pk):
        assert client.get(f"/lists/draft/items/{pk}/").status_code == 404
        assert client.post(f"/lists/draft/items/{pk}/delete/").status_code == 404
    assert ListItem.objects.filter(pk=foreign.pk).exists() and ListItem.objects.filter(pk=published.pk).exists()


def test_the_import_page_lists_errors_and_saves_nothing(world, client_for):
    client = client_for("county_mzj")
    bad = workbook_bytes([row("A-1", "好"), row("A-2", "坏", frequency_unit="每天")])
    response = client.post("/lists/import/", {"file": bad})
    page = response.content.decode()
    assert response.status_code == 400
    assert "频次单位只能是" in page and '<td class="num">3</td>' in page
    assert not ListItem.objects.exists()
    good = workbook_bytes([row("A-1", "好")])
    assert client.post("/lists/import/", {"file": good}).status_code == 302
    assert selectors.draft_version(world.county).items.count() == 1


def test_the_import_page_refuses_a_file_that_is_not_a_workbook(client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("x.xlsx", b"not a zip at all")
    response = client_for("county_mzj").post("/lists/import/", {"file": upload})
    assert response.status_code == 400 and "不是有效的 Excel" in response.content.decode()


def test_the_lists_page_shows_the_reduction_and_the_review_warning(world, client_for, v1):
    draft = do_open_draft(world.county, actor=world.county_mzj)
    draft.items.get(code="LZ-01").delete()
    from jianfu.catalog.actions import do_publish_version

    do_publish_version(draft, actor=world.county_mzj, effective_date=dt.date(2026, 1, 1))
    page = client_for("county_mzj").get("/lists/").content.decode()
    assert "减负成效" in page and "3 → 2" in page and "减少 33%" in page
    publish_items(world, [assist("XZ-09", "过期事项", review_date="2020-01-01")], date=dt.date(2026, 2, 1))
    page = client_for("county_mzj").get("/lists/").content.decode()
    assert "已过复核日期" in page


def test_a_list_owner_gets_a_home_panel_for_the_draft(world, client_for, v1):
    do_open_draft(world.county, actor=world.county_mzj)
    assert "草稿待发布" in client_for("county_mzj").get("/").content.decode()
    assert "草稿待发布" not in client_for("dept_officer").get("/").content.decode()


def test_the_nav_entry_is_shown_to_every_county_user(client_for):
    for persona in ["county_mzj", "community_worker", "dept_officer"]:
        assert "社区工作事项清单" in client_for(persona).get("/").content.decode()


def test_the_template_downloads_as_xlsx(client_for):
    response = client_for("county_mzj").get("/lists/template.xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")


def test_the_pdf_export_downloads(client_for, v1, cjk_font):
    response = client_for("community_worker").get("/lists/1/export.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


# --- Public pages ---------------------------------------------------------------------------------


def test_the_public_page_shows_only_published_versions(world, v1):
    do_add_item(world.county, actor=world.county_mzj, data=assist("XZ-77", "草稿中的新事项"))
    client = Client()
    page = client.get("/public/lists/610921/").content.decode()
    assert "调解民间纠纷" in page and "草稿中的新事项" not in page
    assert client.get("/public/lists/610921/items/XZ-77/").status_code == 404
    assert client.get("/public/lists/610921/v/2/").status_code == 404  # no such published version


def test_a_county_without_published_lists_says_so(world):
    do_add_item(world.county, actor=world.county_mzj, data=assist("XZ-77", "草稿中的新事项"))
    page = Client().get("/public/lists/610921/").content.decode()
    assert "尚未公布" in page and "草稿中的新事项" not in page


def test_the_public_page_finds_an_item_by_a_chinese_word_and_filters(world, v1):
    client = Client()
    page = client.get("/public/lists/610921/", {"q": "高龄"}).content.decode()
    assert "高龄津贴申领证明" in page and "调解民间纠纷" not in page
    page = client.get("/public/lists/610921/", {"q": "开具高龄证明"}).content.decode()  # cut into words
    assert "高龄津贴申领证明" in page
    page = client.get("/public/lists/610921/", {"category": "assist"}).content.decode()
    assert "协助组织老年人健康体检" in page and "调解民间纠纷" not in page
    page = client.get("/public/lists/610921/", {"department": world.wjj.code}).content.decode()
    assert "协助组织老年人健康体检" in page and "高龄津贴申领证明" not in page
    page = client.get("/public/lists/610921/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in page and "没有符合条件的事项" in page


def test_each_item_has_a_stable_public_url_that_outlives_its_version(world, v1):
    client = Client()
    page = client.get("/public/lists/610921/items/LZ-01/").content.decode()
    assert "调解民间纠纷" in page and "36.0" in page
    draft = do_open_draft(world.county, actor=world.county_mzj)
    draft.items.get(code="LZ-01").delete()
    from jianfu.catalog.actions import do_publish_version

    do_publish_version(draft, actor=world.county_mzj, effective_date=dt.date(2026, 1, 1))
    page = client.get("/public/lists/610921/items/LZ-01/").content.decode()
    assert "已不在现行清单" in page and "第 1 版" in page
    old = client.get("/public/lists/610921/v/1/").content.decode()
    assert "历史版本" in old and "调解民间纠纷" in old


def test_unknown_region_codes_are_404(v1):
    client = Client()
    for path in (
        "/public/lists/999999/",
        "/public/lists/abc/",
        "/public/lists/610921D02/",
        "/public/lists/999999/items/LZ-01/",
        "/public/lists/610921/items/NOPE/",
    ):
        assert client.get(path).status_code == 404, path


def test_the_public_page_is_printable(v1):
    page = Client().get("/public/lists/610921/?all=1").content.decode()
    assert "data-print" in page and "catalog.css" in page  # printed by static/js/behaviours.js (CSP)


def test_the_public_index_lists_jurisdictions_with_published_lists_only(db, client):
    from jianfu.catalog import demo as catalog_demo
    from jianfu.orgs import demo as orgs_demo

    assert "暂无公开的清单" in client.get("/public/lists/").content.decode()
    orgs_demo.load()
    catalog_demo.load()
    page = client.get("/public/lists/").content.decode()
    assert "/public/lists/610921/" in page and "/public/lists/610922/" not in page
    assert "查看公开的社区工作事项清单" in client.get("/login/").content.decode()
