"""Pages and API of assessment: what each role sees and does, the public results."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from jianfu.assess import actions
from jianfu.assess.models import Indicator, Rating, Scheme

from .helpers import publish_lists, ready_scheme


def _publish(world):
    scheme = actions.do_open_scoring(ready_scheme(world), actor=world.township_officer)
    for community in (world.dongguan, world.xiguan, world.qiaoshang):
        for i, indicator in enumerate(scheme.indicators.all()):
            actions.do_enter_score(
                scheme,
                actor=world.township_officer,
                community_code=community.code,
                indicator_id=indicator.pk,
                value=70 + i,
            )
    return actions.do_publish_scheme(scheme, actor=world.township_officer)


def test_a_township_officer_builds_a_scheme_on_the_pages(world, client_for):
    publish_lists(world)
    client = client_for("township_officer")
    response = client.post("/assess/new/", {"year": 2026, "satisfaction_floor": 50})
    scheme = Scheme.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/assess/{scheme.pk}/"
    client.post(f"/assess/{scheme.pk}/indicators/", {"kind": "item", "item_code": "LZ-01", "weight": 50})
    client.post(f"/assess/{scheme.pk}/indicators/", {"kind": "satisfaction", "key": "problems", "weight": 50})
    page = client.get(f"/assess/{scheme.pk}/").content.decode()
    assert "调解民间纠纷" in page and "协调解决居民问题" in page and "居民满意度占 50%" in page
    client.post(f"/assess/{scheme.pk}/act/open/")
    scheme.refresh_from_db()
    assert scheme.state == "scoring"


def test_a_plaque_indicator_is_refused_on_the_page_with_a_chinese_message(world, client_for):
    publish_lists(world)
    scheme = actions.do_create_scheme(actor=world.township_officer, year=2026)
    response = client_for("township_officer").post(
        f"/assess/{scheme.pk}/indicators/", {"kind": "item", "item_code": "PZ-01", "weight": 10}
    )
    assert response.status_code == 200 and "牌子与工作机制不得作为考核指标" in response.content.decode()
    assert not Indicator.objects.exists()


def test_a_department_gets_no_assessment_pages(world, client_for):
    client = client_for("dept_officer")
    assert client.get("/assess/").status_code == 403
    assert client.post("/assess/new/", {"year": 2026, "satisfaction_floor": 50}).status_code == 403
    assert not Scheme.objects.exists()


def test_the_score_template_and_import_round_trip(world, client_for):
    scheme = actions.do_open_scoring(ready_scheme(world), actor=world.township_officer)
    client = client_for("township_officer")
    response = client.get(f"/assess/{scheme.pk}/template.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("社区编码", "社区名称") and len(rows) == 4  # header + 3 committees of 城关镇
    for row in sheet.iter_rows(min_row=2):
        for cell in row[2:]:
            cell.value = 88
    buffer = io.BytesIO()
    sheet.parent.save(buffer)
    buffer.name = "得分.xlsx"
    buffer.seek(0)
    response = client.post(f"/assess/{scheme.pk}/import/", {"file": buffer})
    assert response.status_code == 302
    client.post(f"/assess/{scheme.pk}/act/publish/")
    scheme.refresh_from_db()
    assert scheme.state == "published"


def test_the_public_page_shows_published_results_and_nothing_of_drafts(world, client):
    scheme = _publish(world)
    page = client.get(f"/public/assess/{world.county.code}/").content.decode()
    assert scheme.title in page and "东关社区" in page
    other = client.get(f"/public/assess/{world.other_county.code}/").content.decode()
    assert "东关社区" not in other and "暂无公布的考核结果" in other
    assert client.get("/public/assess/999999/").status_code == 404


def test_the_api_lists_schemes_and_results_a_community_sees_only_its_own(world, api_client_for):
    scheme = _publish(world)
    data = api_client_for("county_mzj").get("/api/v1/assessment/schemes").json()["items"]
    assert [s["id"] for s in data] == [scheme.pk] and sum(i["weight"] for i in data[0]["indicators"]) == 100
    results = api_client_for("community_worker").get(f"/api/v1/assessment/rounds/{scheme.pk}/results").json()["items"]
    assert [r["community"] for r in results] == ["东关社区"]
    other = api_client_for("other_county_officer")
    assert other.get("/api/v1/assessment/schemes").json()["items"] == []
    assert other.get(f"/api/v1/assessment/rounds/{scheme.pk}/results").status_code == 404


def test_the_old_assess_api_paths_stay_as_aliases(world, api_client_for):
    scheme = _publish(world)
    client = api_client_for("county_mzj")
    assert (
        client.get("/api/v1/assess/schemes").json()["items"] == client.get("/api/v1/assessment/schemes").json()["items"]
    )
    assert (
        client.get(f"/api/v1/assess/schemes/{scheme.pk}/results").json()["items"]
        == client.get(f"/api/v1/assessment/rounds/{scheme.pk}/results").json()["items"]
    )


def test_a_community_rates_on_its_phone_and_the_county_sees_the_summary(world, client_for):
    response = client_for("community_worker").post(
        "/assess/ratings/", {"target_code": world.wjj.code, "year": 2026, "score": 2, "unlisted_work": "on"}
    )
    assert response.status_code == 302 and Rating.objects.get().unlisted_work
    page = client_for("county_mzj").get("/assess/ratings/").content.decode()
    assert "汉阴县卫生健康局" in page
    assert "汉阴县卫生健康局" not in client_for("other_county_officer").get("/assess/ratings/").content.decode()
