"""The reporter's identity does not reach the department through its notifications either; the public
channels refuse an oversized description and a wrong evidence type in Chinese, saving nothing."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from jianfu.notify.models import Notification
from jianfu.orgs.actions import do_create_user
from jianfu.orgs.choices import Role
from jianfu.orgs.models import User
from jianfu.supervision import actions
from jianfu.supervision.models import Case, Evidence

from .conftest import png

SECRET_NAME = "孙丽"  # the community worker persona's full name
SECRET_PHONE = "13700001234"


def test_no_notification_of_the_department_names_the_reporter(world, client_for, django_capture_on_commit_callbacks):
    User.objects.filter(pk=world.community_worker.pk).update(phone=SECRET_PHONE)
    world.community_worker.refresh_from_db()
    second = do_create_user(
        actor=None,
        username="dept_officer_b",
        full_name="冯磊",
        org=world.wjj,
        role=Role.DEPT_OFFICER,
        password="Test-password-2026",
        _skip_password_validation=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        case = actions.do_submit_worker_report(
            actor=world.community_worker,
            title="卫健局要求社区上门核查门诊",
            description=f"卫健局电话要求社区逐户核查诊所。联系人{SECRET_NAME}，电话{SECRET_PHONE}。",
            department=world.wjj,
            files=[png()],
        )
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_move_case(case, "verify", actor=world.county_mzj)
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_move_case(case, "substantiate", actor=world.county_mzj, reason=f"{SECRET_NAME}反映属实")
    with django_capture_on_commit_callbacks(execute=True):
        order = actions.do_issue_order(
            case,
            actor=world.county_mzj,
            facts="要求社区核查诊所。",
            rule="负面清单 N-05",
            rectification="撤回",
            deadline=timezone.localdate() + dt.timedelta(days=3),
        )
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_escalate_overdue(now=timezone.now() + dt.timedelta(days=5))
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_reply(order, actor=world.dept_officer, text="已撤回")
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_decide_reply(case, actor=world.county_mzj, accept=False, reason="请附撤回文件")

    # The office was told (and may know who reported); the department's people were told too.
    office = Notification.objects.filter(user=world.county_mzj)
    assert office.filter(title__contains=case.title).exists()
    department = Notification.objects.filter(user__org=world.wjj)
    titles = sorted(department.values_list("user__username", "title"))
    for user in ("dept_officer", "dept_officer_b"):
        mine = [t for u, t in titles if u == user]
        assert any(f"收到督办单{order.doc_no}" in t for t in mine)
        assert any("已逾期" in t for t in mine)
        assert any("被退回" in t for t in mine)
    for n in department:
        stored = f"{n.title} {n.body} {n.url} {n.dedupe_key}"
        assert SECRET_NAME not in stored and SECRET_PHONE not in stored
        assert n.url.startswith("/supervision/orders/")  # never the office's case page
    assert not Notification.objects.filter(user__org=world.wjj, url__startswith="/supervision/cases/").exists()

    for user in (world.dept_officer, second):
        client = Client()
        client.force_login(user)
        pages = [client.get("/notifications/"), client.get("/notifications/?unread=1"), client.get("/")]
        assert [p.status_code for p in pages] == [200, 200, 200]
        listing = pages[0].content.decode()
        assert f"收到督办单{order.doc_no}" in listing and "被退回" in listing
        for page in pages:
            text = page.content.decode()
            assert SECRET_NAME not in text and SECRET_PHONE not in text


def test_the_public_api_refuses_an_oversized_description(world):
    payload = {"county_code": "610921", "title": "要求出具证明", "description": "很" * 5001}
    response = Client().post("/api/v1/reports", payload, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "情况描述不能超过 5000 字，可作为附件上传。"
    assert response.json()["field"] == "description"
    assert not Case.objects.exists()
    ok = Client().post("/api/v1/reports", {**payload, "description": "很" * 5000}, content_type="application/json")
    assert ok.status_code == 201 and Case.objects.count() == 1


def test_the_public_page_refuses_a_wrong_evidence_type(world, settings):
    exe = SimpleUploadedFile("照片.png", b"MZ\x90\x00 this is a windows program", content_type="image/png")
    response = Client().post(
        "/public/report/610921/",
        {"title": "社区门口挂了八块牌子", "description": "各部门要求挂牌", "files": [png(), exe]},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "文件“照片.png”不是允许的类型：仅支持图片（JPG/PNG/GIF/WEBP）、PDF 和 Word 文档。" in html
    assert not Case.objects.exists() and not Evidence.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
