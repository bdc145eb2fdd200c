"""Dates beyond the horizon, the certificate type, and the audit trail of recording, importing and
correcting."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jianfu.burden import actions
from jianfu.burden.choices import Kind
from jianfu.burden.models import Event, LedgerEntry, Rollup
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.core.models import AuditEntry

from .factories import publish_lists
from .test_views import workbook


def beyond_horizon(settings, days=30):
    settings.BURDEN_HORIZON_DAYS = days
    today = timezone.localdate()
    return today + dt.timedelta(days=days), today + dt.timedelta(days=days + 1)


# --- the horizon (settings.BURDEN_HORIZON_DAYS) ------------------------------------------------


@pytest.mark.parametrize("kind", [Kind.MEETING, Kind.INSPECTION])
def test_an_event_beyond_the_horizon_is_refused_by_the_action(world, settings, kind):
    last, too_late = beyond_horizon(settings)
    with pytest.raises(ActionError) as exc:
        actions.do_record_event(
            actor=world.township_officer,
            kind=kind,
            convener=world.chengguan,
            title="计划中的会议",
            occurred_on=too_late,
            minutes=60,
            communities=[world.dongguan],
            reason="提前安排",  # a reason does not excuse a date too far ahead
        )
    assert exc.value.field == "occurred_on"
    assert exc.value.message == f"日期不能晚于 {last:%Y-%m-%d}（最多提前 30 天登记）。"
    assert not Event.objects.exists() and not LedgerEntry.objects.exists() and not Rollup.objects.exists()
    assert not AuditEntry.objects.filter(event_type__startswith="burden.").exists()
    # The last day of the horizon is accepted (a planned meeting may be recorded ahead).
    event, _ = actions.do_record_event(
        actor=world.township_officer,
        kind=kind,
        convener=world.chengguan,
        title="计划中的会议",
        occurred_on=last,
        minutes=60,
        communities=[world.dongguan],
    )
    assert event.occurred_on == last and LedgerEntry.objects.get().occurred_on == last


@pytest.mark.parametrize("kind", ["meeting", "inspection"])
def test_an_event_beyond_the_horizon_is_refused_on_the_event_page(world, client_for, settings, kind):
    last, too_late = beyond_horizon(settings, days=10)
    client = client_for("township_officer")
    data = {
        "kind": kind,
        "convener": world.chengguan.pk,
        "title": "下月例会",
        "occurred_on": too_late.isoformat(),
        "minutes": "60",
        "communities": [world.dongguan.pk, world.xiguan.pk],
    }
    for extra in ({}, {"reason": "提前安排"}):  # with or without a reason: the date is refused
        response = client.post("/burden/events/new/", {**data, **extra})
        html = response.content.decode()
        assert response.status_code == 200
        assert f"日期不能晚于 {last:%Y-%m-%d}（最多提前 10 天登记）。" in html
        assert not Event.objects.exists() and not LedgerEntry.objects.exists()


# --- the certificate type -----------------------------------------------------------------------


def test_a_certificate_entry_from_the_form_keeps_its_type(world, client_for):
    items = publish_lists(world)
    client = client_for("community_worker")
    data = {
        "community": world.dongguan.pk,
        "kind": "certificate",
        "source_org": world.wjj.pk,
        "occurred_on": timezone.localdate().isoformat(),
        "minutes": "15",
        "list_item": items["C-01"].pk,
        "cert_type": "居住证明",
    }
    assert client.post("/burden/entries/new/", data).status_code == 302
    entry = LedgerEntry.objects.get()
    assert entry.cert_type == "居住证明" and entry.kind == Kind.CERTIFICATE and entry.listed is True
    long = client.post("/burden/entries/new/", {**data, "cert_type": "证" * 101})
    assert long.status_code == 200
    assert "确保该变量包含不超过 100 字符" in long.content.decode()
    assert LedgerEntry.objects.count() == 1


def test_a_certificate_entry_from_the_api_keeps_its_type(world, api_client_for):
    client = api_client_for("community_worker")
    body = {
        "community": "610921100001",
        "kind": "certificate",
        "source_org": "610921D04",
        "occurred_on": timezone.localdate().isoformat(),
        "minutes": 20,
        "cert_type": "  无犯罪记录证明 ",
    }
    r = client.post("/api/v1/burden/entries", body, content_type="application/json")
    assert r.status_code == 201 and r.json()["cert_type"] == "无犯罪记录证明"
    assert LedgerEntry.objects.get().cert_type == "无犯罪记录证明"
    listed = client.get("/api/v1/burden/entries?kind=certificate").json()["items"]
    assert [e["cert_type"] for e in listed] == ["无犯罪记录证明"]
    # 100 characters fit; 101 are refused in Chinese (never cut off silently) and nothing is saved.
    ok = client.post("/api/v1/burden/entries", {**body, "cert_type": "证" * 100}, content_type="application/json")
    assert ok.status_code == 201 and LedgerEntry.objects.filter(cert_type="证" * 100).exists()
    bad = client.post("/api/v1/burden/entries", {**body, "cert_type": "证" * 101}, content_type="application/json")
    assert bad.status_code == 400
    assert bad.json()["detail"] == "证明类型不能超过 100 字。" and bad.json()["field"] == "cert_type"
    assert LedgerEntry.objects.count() == 2


def test_the_action_refuses_an_over_long_certificate_type(world):
    with pytest.raises(ActionError, match="证明类型不能超过 100 字"):
        actions.do_record_entry(
            actor=world.community_worker,
            kind=Kind.CERTIFICATE,
            community=world.dongguan,
            source_org=world.wjj,
            occurred_on=timezone.localdate(),
            minutes=10,
            listed=None,
            cert_type="x" * 101,
        )
    assert not LedgerEntry.objects.exists() and not Rollup.objects.exists()


# --- the audit trail ----------------------------------------------------------------------------


def test_recording_an_event_is_audited_with_actor_and_object(world):
    event, _ = actions.do_record_event(
        actor=world.township_officer,
        kind=Kind.MEETING,
        convener=world.chengguan,
        title="防汛部署会",
        occurred_on=timezone.localdate(),
        minutes=45,
        communities=[world.dongguan, world.xiguan],
    )
    a = AuditEntry.objects.get(event_type="burden.event.record")
    assert a.actor == world.township_officer and a.actor_name == "赵敏" and a.org == world.chengguan
    assert (a.object_type, a.object_id) == ("burden.event", str(event.pk))
    assert a.after["kind"] == "meeting" and a.after["title"] == "防汛部署会"
    assert sorted(a.after["communities"]) == sorted([world.dongguan.pk, world.xiguan.pk])
    # and one entry per community ledger row, by the same actor
    entries = AuditEntry.objects.filter(event_type="burden.entry.record")
    assert sorted(int(e.object_id) for e in entries) == sorted(event.entries.values_list("pk", flat=True))
    assert {e.actor_id for e in entries} == {world.township_officer.pk}


def test_an_import_is_audited_once_and_each_row_as_an_entry(world, client_for):
    day = timezone.localdate().isoformat()
    rows = [
        ["610921100001", "会议", "610921100", day, 60, "", "例会"],
        ["610921100002", "填报表格", "610921D04", day, 30, "", "摸底表"],
    ]
    response = client_for("township_officer").post("/burden/import/", {"file": workbook(rows)})
    assert response.status_code == 302
    a = AuditEntry.objects.get(event_type="burden.import")
    assert a.actor == world.township_officer and a.org == world.chengguan
    assert a.after == {"rows": 2} and a.object_type == "" and a.object_id == ""
    entries = AuditEntry.objects.filter(event_type="burden.entry.record")
    assert sorted(int(e.object_id) for e in entries) == sorted(LedgerEntry.objects.values_list("pk", flat=True))
    assert {(e.object_type, e.actor_id) for e in entries} == {("burden.ledgerentry", world.township_officer.pk)}


def test_a_failed_import_leaves_no_audit_entry(world, client_for):
    rows = [["610921100001", "会议", "610921100", "2026-13-40", 60, "", ""]]
    response = client_for("township_officer").post("/burden/import/", {"file": workbook(rows)})
    assert response.status_code == 200 and "日期格式" in response.content.decode()
    assert not AuditEntry.objects.filter(event_type__startswith="burden.").exists()
    assert not LedgerEntry.objects.exists()


def test_a_correction_is_audited_with_before_after_and_reason(world):
    day = timezone.localdate()
    entry = actions.do_record_entry(
        actor=world.community_worker,
        kind=Kind.TASK,
        community=world.dongguan,
        source_org=world.wjj,
        occurred_on=day,
        minutes=90,
        listed=True,
    )
    # Only the recorder corrects; a refused correction writes nothing.
    with pytest.raises(NotAllowed):
        actions.do_correct_entry(entry, actor=world.township_officer, occurred_on=day, minutes=10, reason="x")
    assert not AuditEntry.objects.filter(event_type="burden.entry.correct").exists()
    earlier = day - dt.timedelta(days=3)
    actions.do_correct_entry(entry, actor=world.community_worker, occurred_on=earlier, minutes=60, reason="用时记错")
    a = AuditEntry.objects.get(event_type="burden.entry.correct")
    assert a.actor == world.community_worker and a.org == world.dongguan
    assert (a.object_type, a.object_id) == ("burden.ledgerentry", str(entry.pk))
    assert a.before["minutes"] == 90 and a.before["occurred_on"] == day.isoformat()
    assert a.after["minutes"] == 60 and a.after["occurred_on"] == earlier.isoformat()
    assert a.reason == "用时记错"
    entry.refresh_from_db()
    assert entry.minutes == 60 and entry.occurred_on == earlier
