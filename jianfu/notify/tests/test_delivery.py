"""Notifications out: e-mail to a local SMTP server, 钉钉 and 企业微信 robots and an SMS hook on a
local HTTP receiver, retries with backoff, the delivery log, and nothing personal going out."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from jianfu.notify.actions import do_notify, do_set_preferences
from jianfu.notify.choices import Kind
from jianfu.notify.delivery import deliver_due
from jianfu.notify.models import Delivery, Notification

from .conftest import DINGTALK_SECRET, WECOM_KEY, body_of, free_port

pytestmark = pytest.mark.django_db


def with_email(user, address="liuyang@wjj.example"):
    user.email = address
    user.save(update_fields=["email"])
    return user


def test_a_督办单_reaches_the_officer_by_email_only_when_the_sweep_runs(world, smtp_server):
    officer = with_email(world.dept_officer)
    [note] = do_notify(
        officer,
        title="收到督办单汉减督〔2026〕3号",
        body="请于期限前回复。",
        url="/supervision/orders/7/",
        kind=Kind.ORDER,
    )
    # Written with the notification, sent afterwards: the request that caused it waits on nothing.
    assert note.deliveries.get().status == "pending" and smtp_server.messages == []

    counts = deliver_due()

    assert (counts.sent, counts.retrying, counts.failed) == (1, 0, 0)
    [message] = smtp_server.messages
    assert message["Subject"].strip() == "[简负] 收到督办单汉减督〔2026〕3号"  # folded header: unfolds with a space
    assert smtp_server.rcpt == [["liuyang@wjj.example"]]
    body = body_of(message)
    assert "请于期限前回复。" in body and "https://jianfu.county.example/supervision/orders/7/" in body
    delivery = note.deliveries.get()
    assert delivery.status == "sent" and delivery.attempts == 1 and delivery.sent_at is not None
    assert deliver_due().sent == 0  # sent once


def test_an_issued_督办单_goes_out_by_the_supervision_workflow(world, smtp_server, django_capture_on_commit_callbacks):
    from jianfu.supervision import actions
    from jianfu.supervision.choices import CaseSource

    with_email(world.dept_officer)
    with django_capture_on_commit_callbacks(execute=True):
        case = actions.do_open_case(
            actor=world.community_worker, source=CaseSource.REFUSAL, region_code=world.dongguan.region_code,
            title="要求社区开展食品安全检查", description="县卫健局要求东关社区检查餐馆。", rule_ref="负面清单 N-05",
            community=world.dongguan, department=world.wjj,
        )  # fmt: skip
    actions.do_move_case(case, "verify", actor=world.county_mzj)
    actions.do_move_case(case, "substantiate", actor=world.county_mzj, reason="经电话核实，情况属实。")
    with django_capture_on_commit_callbacks(execute=True):
        order = actions.do_issue_order(
            case, actor=world.county_mzj, facts="要求社区检查餐馆。", rule="负面清单 N-05",
            rectification="立即撤回，书面回复。", deadline=timezone.localdate() + dt.timedelta(days=10),
        )  # fmt: skip
    note = Notification.objects.get(user=world.dept_officer, kind=Kind.ORDER)
    deliver_due()
    [message] = smtp_server.messages
    assert order.doc_no in message["Subject"] and note.deliveries.get().status == "sent"


def test_the_dingtalk_robot_gets_a_signed_message_for_the_department(world, settings, receiver):
    settings.NOTIFY_DINGTALK_WEBHOOK = receiver.url("/dingtalk?access_token=tok123")
    settings.NOTIFY_DINGTALK_SECRET = DINGTALK_SECRET
    do_set_preferences(actor=world.dept_officer, kinds=["order"], channels=["dingtalk"])
    [note] = do_notify(world.dept_officer, title="督办单已逾期", url="/supervision/orders/7/", kind=Kind.ORDER)

    assert deliver_due().sent == 1

    [request] = receiver.requests
    assert request["query"]["access_token"] == ["tok123"]
    assert request["json"]["msgtype"] == "text"
    assert "督办单已逾期" in request["json"]["text"]["content"] and "刘洋" in request["json"]["text"]["content"]
    assert note.deliveries.get().status == "sent"


def test_a_wrong_dingtalk_secret_is_a_logged_failure_and_nothing_else_breaks(world, settings, receiver, smtp_server):
    settings.NOTIFY_DINGTALK_WEBHOOK = receiver.url("/dingtalk?access_token=tok123")
    settings.NOTIFY_DINGTALK_SECRET = "SEC-not-the-robots-secret"
    with_email(world.dept_officer)
    do_set_preferences(actor=world.dept_officer, kinds=["order"], channels=["email", "dingtalk"])
    [note] = do_notify(world.dept_officer, title="督办单已逾期", kind=Kind.ORDER)

    counts = deliver_due()

    assert (counts.sent, counts.retrying) == (1, 1)
    robot = note.deliveries.get(channel="dingtalk")
    assert robot.status == "pending" and robot.attempts == 1 and "310000" in robot.last_error
    assert note.deliveries.get(channel="email").status == "sent" and len(smtp_server.messages) == 1
    note.refresh_from_db()
    assert note.read_at is None and Notification.objects.filter(user=world.dept_officer).count() == 1


def test_the_wecom_robot_gets_its_text_payload_at_its_key(world, settings, receiver):
    settings.NOTIFY_WECOM_WEBHOOK = receiver.url(f"/wecom?key={WECOM_KEY}")
    do_set_preferences(actor=world.community_worker, kinds=["refusal", "deadline"], channels=["wecom"])
    do_notify(world.community_worker, title="3 天后报送：人口统计表", body="请按时报送。", url="/forms/calendar/",
              kind=Kind.DEADLINE)  # fmt: skip
    assert deliver_due().sent == 1
    [request] = receiver.requests
    assert request["json"] == {
        "msgtype": "text",
        "text": {"content": "【简负】致孙丽：3 天后报送：人口统计表\n请按时报送。\n/forms/calendar/"},
    }


def test_a_receiver_that_fails_twice_gets_the_message_on_the_third_try_after_backoff(world, settings, receiver):
    settings.NOTIFY_WECOM_WEBHOOK = receiver.url(f"/wecom?key={WECOM_KEY}")
    settings.NOTIFY_RETRY_SECONDS = 60
    receiver.fail_next = 2
    do_set_preferences(actor=world.community_worker, kinds=["deadline"], channels=["wecom"])
    [note] = do_notify(world.community_worker, title="报送期限将至", kind=Kind.DEADLINE)
    t0 = timezone.now()

    assert deliver_due(t0).retrying == 1
    delivery = note.deliveries.get()
    assert delivery.last_error == "HTTP 500" and delivery.next_attempt_at == t0 + dt.timedelta(seconds=60)
    assert deliver_due(t0 + dt.timedelta(seconds=30)).retrying == 0  # not before its time
    assert deliver_due(t0 + dt.timedelta(seconds=61)).retrying == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and delivery.next_attempt_at == t0 + dt.timedelta(seconds=61 + 120)
    assert deliver_due(t0 + dt.timedelta(seconds=182)).sent == 1

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("sent", 3, "")
    assert len(receiver.requests) == 3


def test_an_unreachable_sms_gateway_fails_for_good_after_the_last_attempt(world, settings):
    settings.NOTIFY_SMS_URL = f"http://127.0.0.1:{free_port()}/sms"
    settings.NOTIFY_MAX_ATTEMPTS = 2
    world.dept_officer.phone = "13800000001"
    world.dept_officer.save(update_fields=["phone"])
    do_set_preferences(actor=world.dept_officer, kinds=["order"], channels=["sms"])
    [note] = do_notify(world.dept_officer, title="督办单已逾期", kind=Kind.ORDER)
    t0 = timezone.now()

    assert deliver_due(t0).retrying == 1
    assert deliver_due(t0 + dt.timedelta(hours=1)).failed == 1

    delivery = note.deliveries.get()
    assert delivery.status == "failed" and delivery.attempts == 2 and "无法连接" in delivery.last_error
    assert deliver_due(t0 + dt.timedelta(days=1)).failed == 0  # given up: the administrator decides


def test_the_sms_hook_gets_the_officers_number_and_a_short_text(world, settings, receiver):
    settings.NOTIFY_SMS_URL, settings.NOTIFY_SMS_TOKEN = receiver.url("/sms"), "gateway-token"
    world.dept_officer.phone = "13800000001"
    world.dept_officer.save(update_fields=["phone"])
    do_set_preferences(actor=world.dept_officer, kinds=["order"], channels=["sms"])
    do_notify(world.dept_officer, title="收到督办单", body="长长的正文不进短信", kind=Kind.ORDER)
    assert deliver_due().sent == 1
    [request] = receiver.requests
    assert request["json"] == {"phone": "13800000001", "text": "【简负】收到督办单"}
    assert request["headers"]["Authorization"] == "Bearer gateway-token"


def test_a_kind_left_unticked_stays_in_the_app(world, smtp_server):
    with_email(world.dept_officer)
    do_set_preferences(actor=world.dept_officer, kinds=["order"], channels=["email"])
    [note] = do_notify(world.dept_officer, title="新任务", kind=Kind.OTHER)
    assert not note.deliveries.exists() and deliver_due().sent == 0
    assert Notification.objects.filter(user=world.dept_officer, title="新任务").exists()


def test_nothing_queues_without_a_channel_or_an_address(world, settings, smtp_server):
    do_notify(world.dept_officer, title="无邮箱", kind=Kind.ORDER)  # no address on file
    settings.EMAIL_HOST = ""
    with_email(world.county_mzj)
    do_notify(world.county_mzj, title="未配置邮件", kind=Kind.ORDER)  # the deployment has no SMTP
    assert not Delivery.objects.exists()


def test_residents_contacts_never_go_out(world, smtp_server, receiver, settings, django_capture_on_commit_callbacks):
    from jianfu.supervision.actions import do_submit_public_report

    settings.NOTIFY_WECOM_WEBHOOK = receiver.url(f"/wecom?key={WECOM_KEY}")
    with_email(world.county_mzj, "lixiuying@mzj.example")
    do_set_preferences(actor=world.county_mzj, kinds=["other"], channels=["email", "wecom"])
    with django_capture_on_commit_callbacks(execute=True):
        do_submit_public_report(
            county=world.county, title="社区被要求代收水费，联系我13912345678",
            description="居民反映，身份证610921199001011234。", reporter_name="王大爷", reporter_contact="13700001111",
        )  # fmt: skip
    do_notify(world.county_mzj, title="核实", body="证件号 61092119900101123X，电话 13912345678", kind=Kind.OTHER)
    assert deliver_due().sent == 4

    sent = [m["Subject"] + body_of(m) for m in smtp_server.messages]
    sent += [json.dumps(r["json"], ensure_ascii=False) for r in receiver.requests]
    assert len(sent) == 4 and any("代收水费" in s for s in sent)
    for text in sent:
        for secret in ("13912345678", "13700001111", "王大爷", "610921199001011234", "61092119900101123X"):
            assert secret not in text
    assert any("139******78" in s for s in sent)


def test_the_sweep_command_reports_what_it_did(world, smtp_server, capsys):
    with_email(world.dept_officer)
    do_notify(world.dept_officer, title="督办单", kind=Kind.ORDER)
    call_command("notify_deliver")
    assert "已发送 1 条" in capsys.readouterr().out and len(smtp_server.messages) == 1


def test_the_workflows_name_the_kind_of_what_they_tell(world, settings, tmp_path, django_capture_on_commit_callbacks):
    from jianfu.admission.actions import do_submit_application
    from jianfu.admission.reminders import remind_review_due
    from jianfu.dispatch.actions import do_refuse_task
    from tests.permission_scene import _application, _lists, _task

    settings.MEDIA_ROOT = tmp_path
    _lists(world)
    with django_capture_on_commit_callbacks(execute=True):
        _, task = _task(world)
    with django_capture_on_commit_callbacks(execute=True):
        do_refuse_task(task, actor=world.community_worker, reason="本周人手不足，无法组织。")
    with django_capture_on_commit_callbacks(execute=True):
        app, _ = _application(world)
        app = do_submit_application(app, actor=world.dept_officer)
    remind_review_due(app, 2, timezone.localdate())

    kinds = dict(Notification.objects.values_list("title", "kind"))
    assert kinds[next(t for t in kinds if t.startswith("新任务"))] == Kind.OTHER
    assert kinds[next(t for t in kinds if "拒收了任务" in t)] == Kind.REFUSAL
    assert kinds[next(t for t in kinds if t.startswith("待初审"))] == Kind.REVIEW
    assert kinds[next(t for t in kinds if t.startswith("审查期限将至"))] == Kind.DEADLINE


def test_a_disabled_account_is_sent_nothing_more(world, smtp_server, caplog):
    officer = with_email(world.dept_officer)
    [note] = do_notify(officer, title="督办单", kind=Kind.ORDER)
    officer.is_active = False
    officer.save(update_fields=["is_active"])
    assert deliver_due().failed == 1
    delivery = note.deliveries.get()
    assert delivery.status == "failed" and delivery.last_error == "账号已停用，不再发送"
    assert smtp_server.messages == [] and "账号已停用" in caplog.text


def test_a_group_robot_posts_once_for_everyone_it_reaches_in_one_notification(world, settings, receiver):
    from jianfu.orgs.actions import do_create_user

    settings.NOTIFY_WECOM_WEBHOOK = receiver.url(f"/wecom?key={WECOM_KEY}")
    second = do_create_user(
        actor=None, username="dept_officer_b", full_name="冯磊", org=world.wjj, role="dept_officer",
        password="Test-password-2026", _skip_password_validation=True,
    )  # fmt: skip
    for user in (world.dept_officer, second):
        do_set_preferences(actor=user, kinds=["order"], channels=["wecom"])
    notes = do_notify([world.dept_officer, second], title="收到督办单", kind=Kind.ORDER)

    assert deliver_due().sent == 1
    [request] = receiver.requests
    assert request["json"]["text"]["content"].startswith("【简负】致刘洋、冯磊：收到督办单")
    assert Delivery.objects.get().notification == notes[0] and len(notes) == 2
