"""Notifications: the bell, the list page, marking read, and nobody else's."""

from __future__ import annotations

import pytest

from jianfu.notify.actions import do_notify, notify_on_commit
from jianfu.notify.models import Notification

pytestmark = pytest.mark.django_db


def test_the_bell_shows_the_unread_count(world, client_for):
    do_notify([world.community_worker], title="新任务：组织体检", url="/inbox/")
    do_notify(world.community_worker, title="新任务：入户走访", url="/inbox/")
    html = client_for("community_worker").get("/").content.decode()
    assert 'class="bellcount">2<' in html
    assert 'class="bellcount"' not in client_for("village_worker").get("/").content.decode()


def test_opening_a_notification_marks_it_read_and_follows_its_link(world, client_for):
    [note] = do_notify(world.community_worker, title="新任务", url="/inbox/")
    client = client_for("community_worker")
    assert "新任务" in client.get("/notifications/").content.decode()
    response = client.post(f"/notifications/{note.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/inbox/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_nobody_opens_someone_elses_notification(world, client_for):
    [note] = do_notify(world.community_worker, title="新任务")
    assert client_for("village_worker").post(f"/notifications/{note.pk}/open/").status_code == 404
    assert client_for("other_county_officer").post(f"/notifications/{note.pk}/open/").status_code == 404
    assert "新任务" not in client_for("village_worker").get("/notifications/").content.decode()
    note.refresh_from_db()
    assert note.read_at is None


def test_read_all_clears_the_count(world, client_for):
    do_notify([world.community_worker], title="一")
    do_notify([world.community_worker], title="二")
    client_for("community_worker").post("/notifications/read-all/")
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_a_dedupe_key_tells_each_user_once(world):
    do_notify([world.county_mzj, world.county_zzb], title="期限", dedupe_key="k1")
    do_notify([world.county_mzj], title="期限", dedupe_key="k1")
    assert Notification.objects.count() == 2


def test_notifications_wait_for_the_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify_on_commit([world.dept_officer], title="状态变化")
    assert not Notification.objects.exists() and len(callbacks) == 1
    callbacks[0]()
    assert Notification.objects.get().region_code == "610921"


def test_the_list_page_needs_login(client):
    assert client.get("/notifications/").status_code == 302


def test_a_failing_notification_is_logged_and_never_undoes_the_decision(
    world, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from jianfu.notify import actions as notify_actions

    def broken(*args, **kwargs):
        raise RuntimeError("mail server down")

    monkeypatch.setattr(notify_actions, "do_notify", broken)
    with django_capture_on_commit_callbacks(execute=True):
        notify_actions.notify_on_commit(world.county_mzj, title="新的监督线索")
    assert "notify: could not send" in caplog.text
