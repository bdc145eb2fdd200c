"""The reporter's identity never reaches a department; 通报, scoreboard and the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from jianfu.core.errors import ActionError, NotAllowed
from jianfu.core.models import AuditEntry
from jianfu.orgs.models import User
from jianfu.supervision import actions
from jianfu.supervision.choices import NoticeState
from jianfu.testing import assert_official_document, pdf_facts

from .conftest import png

SECRET_NAME = "孙丽"  # the community worker persona's full name
SECRET_PHONE = "13700001234"


@pytest.fixture
def reported(world):
    User.objects.filter(pk=world.community_worker.pk).update(phone=SECRET_PHONE)
    world.community_worker.refresh_from_db()
    case = actions.do_submit_worker_report(
        actor=world.community_worker,
        title="卫健局要求社区上门核查门诊",
        description="卫健局电话要求社区逐户核查诊所。",
        department=world.wjj,
        files=[png()],
    )
    actions.do_move_case(case, "verify", actor=world.county_mzj)
    actions.do_move_case(case, "substantiate", actor=world.county_mzj, reason="核实属实")
    order = actions.do_issue_order(
        case,
        actor=world.county_mzj,
        facts="要求社区核查诊所。",
        rule="负面清单 N-05",
        rectification="撤回",
        deadline=timezone.localdate() + dt.timedelta(days=5),
    )
    actions.do_reply(order, actor=world.dept_officer, text="已撤回")
    return case, order


def test_the_office_sees_who_reported(world, client_for, reported):
    case, _ = reported
    from jianfu.core.crypto import mask_phone

    page = client_for("county_mzj").get(f"/supervision/cases/{case.pk}/").content.decode()
    # a colleague's name in clear, every contact masked until the audited reveal
    assert SECRET_NAME in page and mask_phone(SECRET_PHONE) in page and SECRET_PHONE not in page
    api = client_for("county_mzj").get(f"/api/v1/supervision/cases/{case.pk}").json()
    assert api["reporter_name"] == SECRET_NAME and api["reporter_contact"] == mask_phone(SECRET_PHONE)
    revealed = client_for("county_mzj").post(f"/supervision/cases/{case.pk}/reporter/").content.decode()
    assert SECRET_NAME in revealed and SECRET_PHONE in revealed


def test_no_page_pdf_or_api_response_a_department_can_reach_names_the_reporter(
    world, client_for, api_client_for, reported, cjk_font
):
    case, order = reported
    actions.do_decide_reply(case, actor=world.county_mzj, accept=True)
    notice = actions.do_create_notice(
        actor=world.county_mzj, period_start=timezone.localdate().replace(day=1), period_end=timezone.localdate()
    )
    actions.do_publish_notice(notice, actor=world.county_mzj)
    web, api = client_for("dept_officer"), api_client_for("dept_officer")
    responses = [
        web.get("/"),
        web.get("/supervision/", follow=True),
        web.get("/supervision/orders/"),
        web.get(f"/supervision/orders/{order.pk}/"),
        web.get("/supervision/scoreboard/"),
        web.get(f"/public/notices/610921/{notice.pk}/"),
        api.get("/api/v1/supervision/cases"),
        api.get(f"/api/v1/supervision/cases/{case.pk}"),
        api.get(f"/api/v1/supervision/cases/{case.pk}/history"),
        api.get("/api/v1/supervision/scoreboard"),
        web.get("/notifications/"),
        web.get(f"/supervision/cases/{case.pk}/"),
    ]
    assert [r.status_code for r in responses] == [200] * 11 + [403]
    texts = [r.content.decode(errors="ignore") for r in responses]
    texts.append("".join(pdf_facts(web.get(f"/supervision/orders/{order.pk}/pdf/").content)[0].split()))
    texts.append("".join(pdf_facts(web.get(f"/public/notices/610921/{notice.pk}/?format=pdf").content)[0].split()))
    for text in texts:
        assert SECRET_NAME not in text and SECRET_PHONE not in text and "dongguan" not in text
    assert "东关社区" not in texts[3]  # a person's report does not tell the department which community
    assert api.get(f"/api/v1/supervision/cases/{case.pk}").json()["title"] == case.title
    # The report's evidence is for the office only.
    report_file = case.evidence.get(kind="report")
    assert web.get(f"/supervision/files/{report_file.pk}/").status_code == 404
    assert client_for("county_mzj").get(f"/supervision/files/{report_file.pk}/").status_code == 200


def test_the_other_county_sees_none_of_it(world, client_for, api_client_for, reported):
    case, order = reported
    other = client_for("other_county_officer")
    assert other.get(f"/supervision/cases/{case.pk}/").status_code == 404
    assert other.get(f"/supervision/orders/{order.pk}/").status_code == 404
    assert case.title not in other.get("/supervision/cases/").content.decode()
    api = api_client_for("other_county_officer")
    assert api.get("/api/v1/supervision/cases").json()["items"] == []
    assert api.get(f"/api/v1/supervision/cases/{case.pk}").status_code == 404
    assert api.get(f"/api/v1/supervision/cases/{case.pk}/history").status_code == 404
    board = api.get("/api/v1/supervision/scoreboard").content.decode("utf-8")
    assert "汉阴县" not in board and "石泉县卫生健康局" in board  # its own departments only


def test_the_office_sees_the_history_with_names_the_department_with_offices(world, api_client_for, reported):
    case, _ = reported
    office = api_client_for("county_mzj").get(f"/api/v1/supervision/cases/{case.pk}/history").json()["items"]
    assert [h["event"] for h in office][:3] == [
        "supervision.case.open",
        "supervision.case.verify",
        "supervision.case.substantiate",
    ]
    dept = api_client_for("dept_officer").get(f"/api/v1/supervision/cases/{case.pk}/history").json()["items"]
    assert dept[0]["event"] == "supervision.case.issue_order"
    assert {h["by"] for h in dept} <= {"汉阴县民政局", "汉阴县卫生健康局", "系统"}


def test_a_worker_and_an_unrelated_department_get_no_cases_from_the_api(world, api_client_for, reported):
    case, _ = reported
    assert api_client_for("dept_officer2").get("/api/v1/supervision/cases").json()["items"] == []
    assert api_client_for("dept_officer2").get(f"/api/v1/supervision/cases/{case.pk}").status_code == 404
    assert api_client_for("community_worker").get(f"/api/v1/supervision/cases/{case.pk}").status_code == 404


def test_a_notice_lists_substantiated_cases_by_department_and_is_published(world, client_for, reported, cjk_font):
    case, _ = reported
    actions.do_decide_reply(case, actor=world.county_mzj, accept=True)
    today = timezone.localdate()
    client = client_for("county_mzj")
    response = client.post(
        "/supervision/notices/",
        {
            "period_start": today.replace(day=1).isoformat(),
            "period_end": today.isoformat(),
            "good_examples": "城关镇经验",
        },
    )
    assert response.status_code == 302
    notice = __import__("jianfu.supervision.models", fromlist=["Notice"]).Notice.objects.get()
    assert notice.content["rows"][0]["department"] == "汉阴县卫生健康局" and notice.content["rows"][0]["cases"] == 1
    assert "汉阴县卫生健康局" in notice.content["good"]
    assert Client().get(f"/public/notices/610921/{notice.pk}/").status_code == 404  # a draft is not public
    assert client_for("dept_officer").post(f"/supervision/notices/{notice.pk}/publish/").status_code == 403
    assert client_for("other_county_officer").post(f"/supervision/notices/{notice.pk}/publish/").status_code == 404
    client.post(f"/supervision/notices/{notice.pk}/publish/")
    notice.refresh_from_db()
    assert notice.state == NoticeState.PUBLISHED
    public = Client().get("/public/notices/610921/").content.decode()
    assert notice.title in public
    detail = Client().get(f"/public/notices/610921/{notice.pk}/").content.decode()
    # A report's own words may name a community or a person: the public notice omits them.
    assert case.title not in detail and "群众或社区反映的问题" in detail and "城关镇经验" in detail
    text, _ = pdf_facts(client.get(f"/supervision/notices/{notice.pk}/pdf/").content)
    assert "汉阴县卫生健康局" in "".join(text.split())
    assert Client().get(f"/public/notices/610922/{notice.pk}/").status_code == 404
    # Published, it carries the county's 通报 number for the year, on the page and in the PDF.
    doc_no = f"〔{timezone.localdate(notice.published_at).year}〕1号"
    assert notice.doc_no == doc_no and doc_no in detail
    assert doc_no in "".join(text.split())
    # Laid out as a 公文 with 主送, 署名 and 成文日期 in the standard's form, and the 版记.
    day = timezone.localdate(notice.published_at)
    assert_official_document(
        client.get(f"/supervision/notices/{notice.pk}/pdf/").content, mark=f"{notice.office.name}文件",
        doc_no=doc_no, title=notice.title, recipients="各乡镇（街道），县直各有关部门",
        date=f"{day.year}年{day.month}月{day.day}日",
    )  # fmt: skip


def test_notices_are_numbered_without_gaps_per_county_and_year(world, client_for):
    today = timezone.localdate()

    def make():
        return actions.do_create_notice(actor=world.county_mzj, period_start=today.replace(day=1), period_end=today)

    first, draft, second = make(), make(), make()
    assert first.doc_no == ""
    assert "〔" not in client_for("county_mzj").get(f"/supervision/notices/{first.pk}/").content.decode()
    actions.do_publish_notice(first, actor=world.county_mzj)
    with pytest.raises(NotAllowed):
        actions.do_publish_notice(second, actor=world.dept_officer)
    with pytest.raises(ActionError, match="该通报已发布"):
        actions.do_publish_notice(first, actor=world.county_zzb)
    actions.do_publish_notice(second, actor=world.county_zzb)  # the county's other office: same sequence
    first.refresh_from_db(), second.refresh_from_db(), draft.refresh_from_db()
    assert (first.number, second.number, draft.number) == (1, 2, None)
    entry = AuditEntry.objects.get(event_type="supervision.notice.publish", object_id=str(second.pk))
    assert entry.after == {"state": "published", "doc_no": second.doc_no} and entry.actor == world.county_zzb


def test_bad_notice_periods_are_refused(world):
    from jianfu.core.errors import ActionError, NotAllowed

    with pytest.raises(ActionError, match="截止日期"):
        actions.do_create_notice(
            actor=world.county_mzj, period_start=dt.date(2026, 5, 1), period_end=dt.date(2026, 4, 1)
        )
    with pytest.raises(NotAllowed):
        actions.do_create_notice(
            actor=world.dept_officer, period_start=dt.date(2026, 4, 1), period_end=dt.date(2026, 5, 1)
        )


def test_the_scoreboard_counts_cases_and_degrades_without_burden_data(world, client_for, reported):
    page = client_for("county_mzj").get("/supervision/scoreboard/").content.decode()
    assert "汉阴县卫生健康局" in page and "石泉县" not in page
    rows = client_for("county_mzj").get("/api/v1/supervision/scoreboard").json()["items"]
    wjj = next(r for r in rows if r["code"] == "610921D04")
    assert wjj["cases"] == 1 and wjj["orders"] == 1
    assert client_for("community_worker").get("/api/v1/supervision/scoreboard").json()["items"] == []


def test_the_office_queue_shows_cases_and_the_other_county_sees_none_of_them(world, client_for, reported):
    case, _ = reported
    assert case.title in client_for("county_zzb").get("/supervision/cases/?state=").content.decode()
    # Who may open the queue (403 for other roles): tests/permission_table.py.
    assert case.title not in client_for("other_county_officer").get("/supervision/cases/?state=").content.decode()


def test_publishing_freezes_the_notice_as_it_was_reviewed(world, client_for, case):
    today = timezone.localdate()
    notice = actions.do_create_notice(actor=world.county_mzj, period_start=today.replace(day=1), period_end=today)
    assert notice.content["totals"]["cases"] == 0
    actions.do_move_case(case, "verify", actor=world.county_mzj)
    actions.do_move_case(case, "substantiate", actor=world.county_mzj, reason="属实")
    actions.do_publish_notice(notice, actor=world.county_mzj)
    notice.refresh_from_db()
    assert notice.content["totals"]["cases"] == 0  # the case waits for the next 通报
    assert case.title not in Client().get(f"/public/notices/610921/{notice.pk}/").content.decode()


def test_dates_at_the_edges_of_the_calendar_get_a_message_not_a_500(world, client_for, api_client_for):
    from jianfu.core.errors import ActionError

    client = client_for("county_mzj")
    assert client.get("/supervision/scoreboard/?start=0001-01-01&end=9999-12-31").status_code == 200
    assert (
        api_client_for("county_mzj").get("/api/v1/supervision/scoreboard?start=0001-01-01&end=9999-12-31").status_code
        == 200
    )
    for start, end in (("9999-12-01", "9999-12-31"), ("0001-01-01", "0001-01-31")):
        response = client.post("/supervision/notices/", {"period_start": start, "period_end": end})
        assert response.status_code == 200 and "日期超出范围" in response.content.decode()
    with pytest.raises(ActionError, match="日期超出范围"):
        actions.do_create_notice(actor=world.county_mzj, period_start=dt.date(1, 1, 1), period_end=dt.date(1, 1, 31))
    assert not __import__("jianfu.supervision.models", fromlist=["Notice"]).Notice.objects.exists()


def test_a_wild_page_on_the_case_list_is_not_a_500(api_client_for, case):
    client = api_client_for("county_mzj")
    assert client.get("/api/v1/supervision/cases?page=-1").status_code == 422
    assert client.get("/api/v1/supervision/cases?page=99999").json()["items"] == []


def test_the_reporters_name_and_contact_are_stored_encrypted(world, reported):
    from django.db import connection

    from jianfu.supervision.models import Case

    case, _ = reported
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT reporter_name, reporter_contact FROM {Case._meta.db_table} WHERE id = %s", [case.pk])
        name, contact = cursor.fetchone()
    assert name.startswith("gAAAAA") and contact.startswith("gAAAAA") and SECRET_PHONE not in contact
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.reporter_name, fresh.reporter_contact) == (SECRET_NAME, SECRET_PHONE)
