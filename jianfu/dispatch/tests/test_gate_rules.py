"""The gate on real-list wording: certificates by kind, rewording, strongest evidence, basis fit,
bad bases, and the community's one-click refusal of what the gate flags (issue 10)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.utils import timezone

from jianfu.admission import actions as admission
from jianfu.admission.tests.conftest import app_data
from jianfu.admission.tests.lists import ITEMS
from jianfu.catalog.choices import Category, CertKind, VersionStatus
from jianfu.catalog.models import ListItem, ListVersion
from jianfu.core.errors import ActionError
from jianfu.dispatch import actions, gate
from jianfu.dispatch.models import Task
from jianfu.dispatch.selectors import basis_items

from .conftest import task_data

pytestmark = pytest.mark.django_db

NATIONAL = "民政部等六部门《关于改进和规范基层群众性自治组织出具证明工作的指导意见》"
EXTRA = [
    ("CF-05", "无犯罪记录证明", Category.CERTIFICATE, CertKind.FORBIDDEN, "", NATIONAL),
    ("CF-01", "亲属关系证明", Category.CERTIFICATE, CertKind.FORBIDDEN, "", NATIONAL),
    ("CF-10", "健在证明", Category.CERTIFICATE, CertKind.FORBIDDEN, "", NATIONAL),
    ("CK-01", "居住情况证明", Category.CERTIFICATE, CertKind.ALLOWED, "居民实际居住", "社区印章使用范围（居住）"),
    ("A-16", "协助开展违法建设日常巡查，发现问题及时报告", Category.ASSIST, "", "发现报告新增违法建设", "seed 004"),
]


@pytest.fixture
def lists(world):
    version = ListVersion.objects.create(
        org=world.county, region_code=world.county.region_code, status=VersionStatus.DRAFT, title="汉阴县清单"
    )
    rows = [(c, t, cat, "", scope, "《中华人民共和国城市居民委员会组织法》") for c, t, cat, scope in ITEMS] + EXTRA
    for n, (code, title, category, kind, scope, basis) in enumerate(rows):
        ListItem.objects.create(
            version=version, region_code=world.county.region_code, code=code, title=title, category=category,
            cert_kind=kind, scope=scope, basis=basis, department=world.wjj if category == Category.ASSIST else None,
            funding_amount=Decimal("2000") if category == Category.ASSIST else None, minutes_per_occurrence=60,
            sort_order=n,
        )  # fmt: skip
    ListVersion.objects.filter(pk=version.pk).update(
        status=VersionStatus.PUBLISHED, number=1, published_at=timezone.now(), effective_date=timezone.localdate()
    )
    return version


def _check(world, title, description="", **kw):
    return gate.check(world.dongguan, title=title, description=description, sender=world.wjj, **kw)


def test_a_task_demanding_a_forbidden_certificate_is_negative_with_rule_and_source(world, lists):
    r = _check(world, "办理出国签证", "请社区为申请人开具无犯罪记录证明并加盖公章。")
    assert r.verdict == "negative" and r.certificate_kind == "forbidden" and r.list_item.code == "CF-05"
    assert r.rules[0]["rule"] == gate.RULE_CERT_FORBIDDEN and NATIONAL in r.rules[0]["citation"]


def test_a_reworded_forbidden_certificate_is_still_negative(world, lists):
    assert _check(world, "养老金领取", "请社区为异地居住的养老金领取人员出具生存证明。").list_item.code == "CF-10"
    r = _check(world, "继承公证", "请社区出具申请人与被继承人的父子关系证明。")
    assert r.verdict == "negative" and r.list_item.code == "CF-01"


def test_a_kept_certificate_is_listed(world, lists):
    r = _check(world, "开具居住证明", "申请公租房的居民需社区出具在本社区实际居住情况的证明。")
    assert r.verdict == "listed" and r.list_item.code == "CK-01" and r.certificate_kind == "allowed"


def test_forbidden_certificates_and_negative_items_are_never_offered_as_a_basis(world, lists):
    codes = set(basis_items(world.wjj).values_list("code", flat=True))
    assert "CK-01" in codes and "A-01" in codes
    assert not codes & {"CF-05", "CF-01", "CF-10", "N-01", "N-02"}


def test_naming_a_forbidden_certificate_as_the_basis_is_negative(world, lists):
    r = _check(world, "出具无犯罪记录证明", list_item_code="CF-05")
    assert r.verdict == "negative" and r.certificate_kind == "forbidden"


def test_the_community_refuses_a_forbidden_certificate_in_one_click_citing_the_source(world, lists):
    data = task_data(title="开具无犯罪记录证明", description="请社区为求职人员开具无犯罪记录证明。")
    with pytest.raises(ActionError):
        actions.do_send_task(actor=world.dept_officer, data=data)
    dispatch = actions.do_send_task(actor=world.dept_officer, data=data, confirm_unlisted=True)
    task = Task.objects.get(dispatch=dispatch)
    refused = actions.do_refuse_task(task, actor=world.community_worker)
    assert refused.state == "refused" and "不得要求社区出具" in refused.reason and NATIONAL in refused.reason


def test_a_paraphrase_sharing_no_word_with_the_negative_item_is_negative(world, lists):
    r = _check(world, "各村负责辖区违章建筑拆除", "请各村于月底前完成辖区内违章建筑的拆除并上报台账。")
    assert r.verdict == "negative" and r.list_item.code == "N-02"
    assert r.matches[0]["phrase"] and r.confidence > 0.5


def test_a_weak_negative_never_overrides_a_strong_listed_match(world, lists):
    r = _check(world, "发现违法建设及时报告", "社区日常巡查中发现新增违法建设的，及时劝导并报告街道。")
    assert r.verdict == "listed" and r.list_item.code == "A-16"


def test_a_named_item_that_does_not_fit_the_task_is_a_mismatch_the_community_may_refuse(world, lists):
    r = _check(world, "开展宠物数量普查", "统计辖区居民家养宠物数量和品种。", list_item_code="F-01")
    assert r.verdict == "mismatch" and "依据与任务内容不符" in r.rules[0]["message"]
    dispatch = actions.do_send_task(
        actor=world.dept_officer,
        data=task_data(title="开展宠物数量普查", description="统计辖区居民家养宠物数量和品种。", list_item_code="F-01"),
        confirm_unlisted=True,
    )
    refused = actions.do_refuse_task(Task.objects.get(dispatch=dispatch), actor=world.community_worker)
    assert refused.state == "refused" and "依据与任务内容不符" in refused.reason


def test_a_named_item_that_fits_stays_listed(world, lists):
    r = _check(world, "组织老年人体检", "通知辖区老年人到卫生院参加健康体检。", list_item_code="A-01")
    assert r.verdict == "listed" and r.list_item.code == "A-01"


def test_an_item_code_that_does_not_exist_is_a_clear_verdict(world, lists):
    r = _check(world, "组织老年人体检", list_item_code="ZZ-99")
    assert r.verdict == "mismatch" and "ZZ-99" in r.rules[0]["message"] and "不在现行清单" in r.rules[0]["message"]


def _approved(world, actor="dept_officer", **over):
    app = admission.do_create_application(actor=world.users[actor], data=app_data(**over))
    admission.do_submit_application(app, actor=world.users[actor])
    admission.do_pass_first_review(app, actor=world.county_mzj)
    return admission.do_approve_application(app, actor=world.leading_group)


TASK = {"title": "经济普查入户登记", "description": "配合普查员入户登记个体经营户。"}


def test_an_application_counts_only_for_its_own_department(world, lists):
    app = _approved(world, actor="dept_officer2")
    r = gate.check(world.dongguan, application=app, sender=world.wjj, **TASK)
    assert r.verdict == "mismatch" and "只能作为该单位派发任务的依据" in r.rules[0]["message"]
    assert gate.check(world.dongguan, application=app, sender=world.rsj, **TASK).verdict == "admitted"


def test_an_application_counts_only_within_its_dates(world, lists):
    app = _approved(world)
    early = gate.check(
        world.dongguan, application=app, sender=world.wjj, today=app.start_date - dt.timedelta(days=1), **TASK
    )
    late = gate.check(
        world.dongguan, application=app, sender=world.wjj, today=app.end_date + dt.timedelta(days=1), **TASK
    )
    assert early.verdict == "mismatch" and "尚未开始" in early.rules[0]["message"]
    assert late.verdict == "mismatch" and "到期" in late.rules[0]["message"]


def test_an_application_counts_only_for_the_communities_it_covers(world, lists):
    app = _approved(world, target_scope="townships", target_townships=["610921101"])
    r = gate.check(world.dongguan, application=app, sender=world.wjj, **TASK)
    assert r.verdict == "mismatch" and "未覆盖东关社区" in r.rules[0]["message"]
    assert gate.check(world.jianchi_sq, application=app, sender=world.wjj, **TASK).verdict == "admitted"


def test_an_application_for_unrelated_work_does_not_carry_the_task(world, lists):
    app = _approved(world)
    r = gate.check(world.dongguan, title="统计辖区奶茶店数量", application=app, sender=world.wjj)
    assert r.verdict == "mismatch" and "不相符" in r.rules[0]["message"]


def test_a_withdrawn_or_other_county_application_is_refused_by_name_never_a_500(world, lists, api_client_for):
    app = admission.do_create_application(actor=world.dept_officer, data=app_data())
    with pytest.raises(ActionError, match="状态为“草稿”"):
        actions.resolve_application(world.dept_officer, app.pk)
    with pytest.raises(ActionError, match="未找到该已批准的准入申请"):
        actions.resolve_application(world.other_dept_officer, app.pk)
    r = api_client_for("dept_officer").post(
        "/api/v1/gate/check",
        json.dumps({"title": "体检", "target_org": "610921100001", "application_id": app.pk}),
        content_type="application/json",
    )
    assert r.status_code == 400 and "不能作为派发依据" in r.json()["detail"]


def test_the_gate_api_adds_certificate_kind_confidence_and_matched_phrase(world, lists, api_client_for):
    r = api_client_for("dept_officer").post(
        "/api/v1/gate/check",
        json.dumps({"title": "开具亲属关系证明", "description": "办理继承需社区出具母子关系证明。",
                    "target_org": "610921100001"}),
        content_type="application/json",
    )  # fmt: skip
    body = r.json()
    assert r.status_code == 200 and body["verdict"] == "negative" and body["certificate_kind"] == "forbidden"
    assert 0 < body["confidence"] <= 1 and body["matches"][0]["phrase"] == "亲属关系证明"
    assert body["rules"][0]["severity"] == "block" and NATIONAL in body["rules"][0]["citation"]
