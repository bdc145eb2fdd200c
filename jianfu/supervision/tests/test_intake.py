"""Intake: community workers' reports, anonymous public reports, evidence checks, tracking, rate limit."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jianfu.supervision.choices import CaseSource, CaseState
from jianfu.supervision.models import Case, Evidence

from .conftest import PDF, docx, png


def report_data(world, **extra):
    data = {
        "title": "卫健局要求社区出具无犯罪记录证明",
        "department": world.wjj.pk,
        "description": "3月5日卫健局电话要求社区为辖区居民出具无犯罪记录证明。",
        "rule_ref": "",
    }
    data.update(extra)
    return data


def test_a_community_worker_reports_with_evidence(world, client_for):
    client = client_for("community_worker")
    assert client.get("/supervision/report/").status_code == 200
    data = report_data(world, files=[png(), docx(), SimpleUploadedFile("文件.pdf", PDF)])
    response = client.post("/supervision/report/", data)
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.source == CaseSource.WORKER_REPORT and case.reporter == world.community_worker
    assert case.community == world.dongguan and case.department == world.wjj and len(case.tracking_code) >= 12
    assert sorted(Evidence.objects.values_list("content_type", flat=True)) == [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "image/png",
    ]
    mine = client.get("/supervision/mine/").content.decode()
    assert case.title in mine and "已受理" in mine


def test_other_roles_cannot_use_the_worker_report_form(world, client_for):
    for persona in ("dept_officer", "county_mzj", "other_county_officer"):
        assert client_for(persona).post("/supervision/report/", report_data(world)).status_code == 403
    assert not Case.objects.exists()


def test_a_department_of_another_county_cannot_be_reported_by_a_forged_id(world, client_for):
    response = client_for("community_worker").post(
        "/supervision/report/", report_data(world, department=world.other_dept.pk)
    )
    assert response.status_code == 200 and not Case.objects.exists()


def test_bad_reports_get_chinese_errors_and_save_nothing(world, client_for, settings):
    client = client_for("community_worker")
    empty = client.post("/supervision/report/", report_data(world, title="", description=""))
    assert "这个字段是必填项" in empty.content.decode() or "必填" in empty.content.decode()
    long = client.post("/supervision/report/", report_data(world, description="很" * 6000))
    assert long.status_code == 200
    exe = SimpleUploadedFile("照片.png", b"MZ\x90\x00 this is a windows program")
    wrong = client.post("/supervision/report/", report_data(world, files=[exe])).content.decode()
    assert "不是允许的类型" in wrong
    settings.SUPERVISION_MAX_EVIDENCE_BYTES = 100
    big = SimpleUploadedFile("大图.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
    assert "超过" in client.post("/supervision/report/", report_data(world, files=[big])).content.decode()
    assert not Case.objects.exists() and not Evidence.objects.exists()
    media = settings.MEDIA_ROOT
    assert not any(p.is_file() for p in media.rglob("*")) if media.exists() else True


def test_a_script_in_a_title_is_shown_as_text(world, client_for):
    client_for("community_worker").post("/supervision/report/", report_data(world, title="<script>alert(1)</script>"))
    page = client_for("county_mzj").get("/supervision/cases/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_anyone_reports_on_the_public_page_and_gets_a_tracking_code(world):
    client = Client()
    page = client.get("/public/report/610921/")
    assert page.status_code == 200 and "卫生健康局" in page.content.decode()
    response = client.post(
        "/public/report/610921/",
        {
            "title": "社区门口挂了八块牌子",
            "description": "各部门要求挂牌",
            "department": "",
            "reporter_contact": "13800000000",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.source == CaseSource.PUBLIC_REPORT and case.region_code == "610921" and case.reporter is None
    done = client.get(response["Location"]).content.decode()
    assert case.tracking_code in done


def test_the_public_page_of_an_unknown_county_is_a_404(world):
    assert Client().get("/public/report/999999/").status_code == 404
    assert Client().get("/public/report/610921D04/").status_code == 404


def test_the_tracking_look_up_shows_status_and_dates_only(world):
    client = Client()
    client.post(
        "/public/report/610921/",
        {
            "title": "要求社区填报重复表格",
            "description": "同一张表每周填三次",
            "reporter_name": "张三丰",
            "reporter_contact": "13911112222",
        },
    )
    case = Case.objects.get()
    page = client.get(f"/public/track/?code={case.tracking_code}").content.decode()
    assert "已受理" in page
    for secret in ("张三丰", "13911112222", "同一张表每周填三次", "要求社区填报重复表格"):
        assert secret not in page
    api = client.get(f"/api/v1/reports/{case.tracking_code}")
    assert api.status_code == 200
    body = api.json()
    assert set(body) == {"tracking_code", "state", "state_label", "received_at", "updated_at", "closed_at"}
    assert body["state"] == CaseState.RECEIVED
    assert client.get("/api/v1/reports/NOTAREALCODE1234").status_code == 404
    assert "查询码不正确" in client.get("/public/track/?code=NOTAREALCODE1234").content.decode()


def test_the_public_api_takes_a_report_without_login(world):
    response = Client().post(
        "/api/v1/reports",
        {
            "county_code": "610921",
            "title": "要求出具证明",
            "description": "要求社区开具居住证明以外的证明",
            "department_code": "610921D04",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    code = response.json()["tracking_code"]
    assert len(code) >= 12 and Case.objects.get().department == world.wjj


def test_the_public_api_refuses_empty_reports_and_foreign_departments(world):
    client = Client()
    empty = client.post(
        "/api/v1/reports", {"county_code": "610921", "title": "", "description": ""}, content_type="application/json"
    )
    assert empty.status_code == 400 and "概括" in empty.json()["detail"]
    foreign = client.post(
        "/api/v1/reports",
        {"county_code": "610921", "title": "x", "description": "y", "department_code": "610922D04"},
        content_type="application/json",
    )
    assert foreign.status_code == 404
    assert not Case.objects.exists()


def test_a_flood_from_one_address_is_stopped_with_a_chinese_429(world, settings):
    settings.SUPERVISION_PUBLIC_REPORTS_PER_WINDOW = 3
    client = Client(REMOTE_ADDR="10.0.0.9")
    payload = {"county_code": "610921", "title": "刷屏", "description": "刷屏"}
    codes = [client.post("/api/v1/reports", payload, content_type="application/json").status_code for _ in range(3)]
    assert codes == [201, 201, 201]
    blocked = client.post("/api/v1/reports", payload, content_type="application/json")
    assert blocked.status_code == 429 and "频繁" in blocked.json()["detail"]
    page = client.post("/public/report/610921/", {"title": "刷屏", "description": "刷屏"})
    assert page.status_code == 429 and "频繁" in page.content.decode()
    assert Case.objects.count() == 3
    other = Client(REMOTE_ADDR="10.0.0.10").post("/api/v1/reports", payload, content_type="application/json")
    assert other.status_code == 201
    # Each county has its own bucket: a flood on one county's channel does not close another's.
    elsewhere = client.post("/api/v1/reports", {**payload, "county_code": "610922"}, content_type="application/json")
    assert elsewhere.status_code == 201


def test_behind_a_proxy_the_configured_header_names_the_client(world, settings):
    settings.SUPERVISION_PUBLIC_REPORTS_PER_WINDOW = 1
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    payload = {"county_code": "610921", "title": "代理之后", "description": "同一代理地址后的两位群众"}
    proxy = "10.1.1.1"
    first = Client(REMOTE_ADDR=proxy, HTTP_X_REAL_IP="172.16.0.5")
    second = Client(REMOTE_ADDR=proxy, HTTP_X_REAL_IP="172.16.0.6")
    assert first.post("/api/v1/reports", payload, content_type="application/json").status_code == 201
    assert second.post("/api/v1/reports", payload, content_type="application/json").status_code == 201
    assert first.post("/api/v1/reports", payload, content_type="application/json").status_code == 429
