"""督办单: numbering without gaps, the department's reply page, PDF, overdue escalation."""

from __future__ import annotations

import datetime as dt
import threading
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.utils import timezone

from jianfu.core.models import AuditEntry
from jianfu.supervision import actions
from jianfu.supervision.choices import CaseSource, CaseState
from jianfu.supervision.models import Order
from jianfu.testing import assert_official_document, pdf_facts

from .conftest import issue, png, substantiate


def _new_case(world, title="要求社区统计"):
    return actions.do_open_case(
        actor=None, source=CaseSource.BREACH, region_code=world.dongguan.region_code, title=title, department=world.wjj
    )


def test_orders_are_numbered_per_county_per_year(world, case):
    first = issue(case, world)
    second = issue(_new_case(world), world)
    next_year = issue(_new_case(world), world, now=timezone.now() + dt.timedelta(days=400))
    assert (first.number, second.number, next_year.number) == (1, 2, 1)
    assert first.doc_no == f"〔{first.year}〕1号"


@pytest.mark.django_db(transaction=True)
def test_concurrent_orders_get_distinct_numbers_without_gaps():
    from jianfu.testing import build_world

    world = build_world()
    cases = [_new_case(world, f"案件{i}") for i in range(6)]
    for c in cases:
        substantiate(c, world)
    errors = []

    def run(c):
        # The in-memory SQLite test database reports "table is locked" instead of waiting (its
        # shared cache ignores busy_timeout), so a writer retries there; PostgreSQL waits on the lock.
        try:
            for _attempt in range(50):
                try:
                    actions.do_issue_order(
                        c, actor=world.county_mzj, facts="f", rule="r", rectification="x", deadline=dt.date(2099, 1, 1)
                    )
                    return
                except OperationalError as exc:
                    if connection.vendor != "sqlite" or "locked" not in str(exc):
                        raise
                    time.sleep(0.02)
        except Exception as exc:  # pragma: no cover - shown in the assertion
            errors.append(exc)
        finally:
            connection.close()  # this thread's own connection, so the test database can be dropped

    threads = [threading.Thread(target=run, args=(c,)) for c in cases]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(Order.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]


def test_the_department_sees_and_answers_its_order_on_its_page(world, client_for, ordered):
    client = client_for("dept_officer")
    page = client.get(f"/supervision/orders/{ordered.pk}/").content.decode()
    assert ordered.doc_no in page and "回复整改情况" in page and "负面清单 N-05" in page
    assert ordered.doc_no in client.get("/supervision/orders/").content.decode()
    response = client.post(f"/supervision/orders/{ordered.pk}/", {"text": "已撤回工作群通知。", "files": [png()]})
    assert response.status_code == 302
    ordered.case.refresh_from_db()
    assert ordered.case.state == CaseState.REPLIED
    reply = ordered.replies.get()
    file_id = reply.evidence.get().pk
    assert client.get(f"/supervision/files/{file_id}/").status_code == 200
    assert client_for("county_mzj").get(f"/supervision/files/{file_id}/").status_code == 200
    assert client_for("dept_officer2").get(f"/supervision/files/{file_id}/").status_code == 404


def test_a_department_replying_to_another_departments_order_gets_a_404(world, client_for, ordered):
    for persona in ("dept_officer2", "other_dept_officer"):
        client = client_for(persona)
        assert client.get(f"/supervision/orders/{ordered.pk}/").status_code == 404
        assert client.post(f"/supervision/orders/{ordered.pk}/", {"text": "冒名回复"}).status_code == 404
        assert client.get(f"/supervision/orders/{ordered.pk}/pdf/").status_code == 404
    assert client_for("community_worker").get(f"/supervision/orders/{ordered.pk}/").status_code == 404
    ordered.case.refresh_from_db()
    assert ordered.case.state == CaseState.ORDERED and not ordered.replies.exists()


def test_an_empty_reply_is_refused_on_the_page(world, client_for, ordered):
    page = client_for("dept_officer").post(f"/supervision/orders/{ordered.pk}/", {"text": ""}).content.decode()
    assert "必填" in page
    assert not ordered.replies.exists()


def test_the_order_pdf_names_the_department_and_the_rule(world, cjk_font, client_for, ordered, settings):
    settings.DOC_PREFIXES = {world.mzj.code: "汉民督"}
    response = client_for("dept_officer").get(f"/supervision/orders/{ordered.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text, fonts = pdf_facts(response.content)
    compact = "".join(text.split())
    assert "汉阴县卫生健康局" in compact and "负面清单N-05" in compact
    assert "汉阴县民政局" in compact and any("CJK" in f for f in fonts)
    # A 公文: the issuing office's red mark, its 机关代字 in the number, the department as 主送.
    day = timezone.localdate(ordered.issued_at)
    assert_official_document(
        response.content, mark="汉阴县民政局文件", doc_no=f"汉民督〔{ordered.year}〕{ordered.number}号",
        title="社区减负工作督办单", recipients="汉阴县卫生健康局", date=f"{day.year}年{day.month}月{day.day}日",
    )  # fmt: skip


def test_the_office_issues_an_order_from_the_case_page(world, client_for, case):
    substantiate(case, world)
    client = client_for("county_mzj")
    assert "下发督办单" in client.get(f"/supervision/cases/{case.pk}/").content.decode()
    deadline = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    response = client.post(
        f"/supervision/cases/{case.pk}/order/",
        {"facts": "f", "rule": "负面清单 N-05", "rectification": "撤回", "deadline": deadline},
    )
    assert response.status_code == 302
    assert Order.objects.get().case == case


def test_overdue_orders_escalate_once_on_a_frozen_clock(world, client_for, case):
    issued = timezone.make_aware(dt.datetime(2026, 3, 1, 9, 0))
    order = issue(case, world, deadline=dt.date(2026, 3, 10), now=issued)
    assert actions.do_escalate_overdue(now=timezone.make_aware(dt.datetime(2026, 3, 10, 20, 0))) == []
    late = timezone.make_aware(dt.datetime(2026, 3, 11, 8, 0))
    assert [o.pk for o in actions.do_escalate_overdue(now=late)] == [order.pk]
    assert actions.do_escalate_overdue(now=late + dt.timedelta(days=1)) == []
    order.refresh_from_db()
    assert order.was_overdue and order.escalated_at == late
    assert AuditEntry.objects.filter(event_type="supervision.order.escalate", object_id=str(order.pk)).count() == 1
    # Counted against the department on the scoreboard, highlighted in the lists.
    rows = {
        r["code"]: r
        for r in __import__("jianfu.supervision.selectors", fromlist=["x"]).scoreboard(
            world.county_mzj, dt.date(2026, 1, 1), dt.date(2026, 12, 31)
        )
    }
    assert rows["610921D04"]["overdue"] == 1 and rows["610921D05"]["overdue"] == 0
    assert "逾期" in client_for("dept_officer").get("/supervision/orders/").content.decode()


def test_a_replied_order_does_not_escalate(world, case):
    order = issue(case, world, deadline=dt.date(2026, 3, 10), now=timezone.make_aware(dt.datetime(2026, 3, 1)))
    actions.do_reply(order, actor=world.dept_officer, text="已整改", now=timezone.make_aware(dt.datetime(2026, 3, 5)))
    assert actions.do_escalate_overdue(now=timezone.make_aware(dt.datetime(2026, 4, 1))) == []


def test_the_deadline_sweep_escalates_with_the_clock_from_its_argument(world, case):
    issue(case, world, deadline=dt.date(2026, 3, 10), now=timezone.make_aware(dt.datetime(2026, 3, 1)))
    out = StringIO()
    call_command("sweep_deadlines", "--now", "2026-03-12T08:00", stdout=out)
    assert "共 1 件" in out.getvalue() and "卫生健康局" in out.getvalue()
    again = StringIO()
    call_command("sweep_deadlines", "--now", "2026-03-13T08:00", stdout=again)
    assert "共 0 件" in again.getvalue()


def test_the_deadline_sweep_refuses_a_clock_it_cannot_read(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="ISO"):
        call_command("sweep_deadlines", "--now", "昨天")


def test_escalation_reminds_the_department_once(world, case, django_capture_on_commit_callbacks):
    from jianfu.notify.models import Notification

    issue(case, world, deadline=dt.date(2026, 3, 10), now=timezone.make_aware(dt.datetime(2026, 3, 1)))
    for day in (12, 13):
        with django_capture_on_commit_callbacks(execute=True):
            actions.do_escalate_overdue(now=timezone.make_aware(dt.datetime(2026, 3, day)))
    reminders = Notification.objects.filter(user=world.dept_officer, title__contains="逾期")
    assert reminders.count() == 1 and "/supervision/orders/" in reminders.get().url
