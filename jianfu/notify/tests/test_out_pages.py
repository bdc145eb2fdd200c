"""The pages of notifications out: each user's own settings, the system administrator's failed
deliveries (their jurisdiction only) and sending one again; per-org robots."""

from __future__ import annotations

import json
import re

import pytest

from jianfu.core.models import AuditEntry
from jianfu.notify.actions import do_notify, do_set_preferences
from jianfu.notify.channels import robot_for
from jianfu.notify.choices import Kind
from jianfu.notify.delivery import deliver_due
from jianfu.notify.models import Delivery, Preference
from jianfu.notify.robots import load_robots

from .conftest import free_port

pytestmark = pytest.mark.django_db


def test_a_user_chooses_kinds_and_channels_on_their_own_settings_page(world, client_for, settings):
    settings.EMAIL_HOST = "127.0.0.1"
    client = client_for("dept_officer")
    page = client.get("/account/notifications/").content.decode()
    assert "通知设置" in page and "账号未登记电子邮箱" in page and "本平台未配置" in page
    response = client.post("/account/notifications/", {"kinds": ["order", "deadline"], "channels": ["email"]})
    assert response.status_code == 302
    pref = Preference.objects.get(user=world.dept_officer)
    assert (pref.kinds, pref.channels) == (["deadline", "order"], ["email"])
    assert AuditEntry.objects.filter(event_type="notify.preference.set", actor=world.dept_officer).exists()
    again = client.get("/account/notifications/").content.decode()
    assert re.search(r'value="order"[^>]*checked', again) and not re.search(r'value="refusal"[^>]*checked', again)


def test_a_forged_channel_is_refused_in_chinese_and_changes_nothing(world, client_for):
    do_set_preferences(actor=world.dept_officer, kinds=["order"], channels=["email"])
    response = client_for("dept_officer").post(
        "/account/notifications/", {"kinds": ["order"], "channels": ["fax<script>alert(1)</script>"]}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "不是可用的选项" in page or "有效" in page
    assert "<script>alert(1)" not in page
    pref = Preference.objects.get(user=world.dept_officer)
    assert pref.channels == ["email"]


def test_the_settings_page_needs_sign_in(client):
    assert client.get("/account/notifications/").status_code == 302


def _failed_delivery(world, settings):
    settings.NOTIFY_SMS_URL = f"http://127.0.0.1:{free_port()}/sms"
    settings.NOTIFY_MAX_ATTEMPTS = 1
    world.dept_officer.phone = "13800000001"
    world.dept_officer.save(update_fields=["phone"])
    do_set_preferences(actor=world.dept_officer, kinds=["order"], channels=["sms"])
    [note] = do_notify(world.dept_officer, title="督办单汉减督〔2026〕9号已逾期", kind=Kind.ORDER)
    assert deliver_due().failed == 1
    return note.deliveries.get()


def test_the_sysadmin_sees_failed_deliveries_of_the_county_and_nobody_else_does(world, client_for, settings):
    delivery = _failed_delivery(world, settings)
    page = client_for("sysadmin").get("/notifications/deliveries/").content.decode()
    assert "督办单汉减督〔2026〕9号已逾期" in page and "无法连接" in page and "刘洋" in page
    assert "13800000001" not in page
    other = client_for("other_sysadmin").get("/notifications/deliveries/?status=all")
    assert other.status_code == 200 and "汉减督" not in other.content.decode()
    assert client_for("dept_officer").get("/notifications/deliveries/").status_code == 403
    assert client_for("county_mzj").post(f"/notifications/deliveries/{delivery.pk}/retry/").status_code == 403


def test_the_sysadmin_sends_a_failed_delivery_again(world, client_for, settings, receiver):
    delivery = _failed_delivery(world, settings)
    assert client_for("other_sysadmin").post(f"/notifications/deliveries/{delivery.pk}/retry/").status_code == 404
    delivery.refresh_from_db()
    assert delivery.status == "failed"

    settings.NOTIFY_SMS_URL = receiver.url("/sms")  # the gateway's address corrected
    response = client_for("sysadmin").post(f"/notifications/deliveries/{delivery.pk}/retry/")
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("pending", 0)
    assert AuditEntry.objects.filter(event_type="notify.delivery.retry", actor=world.sysadmin).exists()
    assert deliver_due().sent == 1 and receiver.requests[0]["json"]["phone"] == "13800000001"

    again = client_for("sysadmin").post(f"/notifications/deliveries/{delivery.pk}/retry/", follow=True)
    assert "只有发送失败的投递可以重发" in again.content.decode()


def test_a_departments_own_robot_takes_its_officers_messages(world, settings, tmp_path, receiver):
    robots = tmp_path / "robots.json"
    robots.write_text(
        json.dumps({world.wjj.code: {"wecom": {"webhook": receiver.url("/wecom-wjj")}}}), encoding="utf-8"
    )
    settings.NOTIFY_ROBOTS = load_robots(str(robots))
    settings.NOTIFY_WECOM_WEBHOOK = receiver.url("/wecom-county")
    assert robot_for(world.dept_officer, "wecom") == {"webhook": receiver.url("/wecom-wjj")}
    assert robot_for(world.dept_officer2, "wecom") == {"webhook": receiver.url("/wecom-county")}
    for user in (world.dept_officer, world.dept_officer2):
        do_set_preferences(actor=user, kinds=["order"], channels=["wecom"])
    do_notify([world.dept_officer, world.dept_officer2], title="督办单", kind=Kind.ORDER)
    deliver_due()
    assert sorted(r["path"] for r in receiver.requests) == ["/wecom-county", "/wecom-wjj"]
    assert Delivery.objects.filter(status="pending").count() == 2  # the receiver only knows /wecom?key=


def test_a_malformed_robots_file_stops_start_up_with_a_reason(tmp_path):
    bad = tmp_path / "robots.json"
    bad.write_text('{"610921D04": {"dingtalk": {"secret": "SEC"}}}', encoding="utf-8")
    with pytest.raises(ValueError, match="needs a webhook URL"):
        load_robots(str(bad))
    bad.write_text("not json", encoding="utf-8")
    with pytest.raises(ValueError, match="cannot read"):
        load_robots(str(bad))
    assert load_robots("") == {}


def test_metrics_count_the_outgoing_queue(world, client, settings):
    _failed_delivery(world, settings)
    settings.METRICS_TOKEN = "scrape-secret-0123456789"
    text = client.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-secret-0123456789").content.decode()
    assert 'jianfu_queue_items{queue="notifications_out_failed"} 1.0' in text
    assert 'jianfu_queue_items{queue="notifications_out_pending"} 0.0' in text
