"""The objects the permission table points at: one of each kind, all in 汉阴县 (the first county).

Built once per test module through the real actions on top of ``jianfu.testing.build_world``.
``build_scene`` returns a dict from a short name (used in the table's kwargs) to the value that
goes into the URL: a pk, a number, a region code or a tracking code. ``MARKERS`` are texts of
these objects that must never appear on a page or API answer given to the other county.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jianfu.testing import World

APP_TITLE = "权限表测试：协助开展经济普查入户登记"
TASK_TITLE = "权限表测试：组织老年人参加健康体检"
CASE_TITLE = "权限表测试：要求社区检查餐馆"
DRAFT_ITEM_TITLE = "权限表测试：草稿中的协助事项"
DOC_TITLE = "权限表测试：关于开展入户调查的通知"
EVENT_TEXT = "权限表测试：东关街井盖缺失"
FORM_TITLE = "权限表测试：社区人口基本情况统计表"
CERT_PURPOSE = "权限表测试：办理低保复核"
RESIDENT = "权限表居民"
PROJECT_TITLE = "权限表测试：东关街加装路灯"
CAMPAIGN_TITLE = "权限表测试：社区减负专项行动"
# Texts of 汉阴县 that the other county must never be shown (on a page that is not public).
MARKERS = (
    APP_TITLE, TASK_TITLE, CASE_TITLE, DRAFT_ITEM_TITLE, DOC_TITLE, EVENT_TEXT, FORM_TITLE, CERT_PURPOSE, RESIDENT,
    PROJECT_TITLE,
    CAMPAIGN_TITLE,
    "李秀英", "刘洋", "孙丽",
)  # fmt: skip

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%permission table\n"


def _application(world: World, title: str = APP_TITLE) -> Any:
    from jianfu.admission.actions import do_add_attachment, do_create_application

    today = timezone.localdate()
    app = do_create_application(
        actor=world.dept_officer,
        data={
            "kind": "adhoc",
            "affairs": "government",
            "title": title,
            "description": "配合普查员入户，核实辖区个体经营户名单，动员居民如实申报。",
            "basis": "《全国经济普查条例》第十条",
            "category": "assist",
            "community_roles": ["home_visit", "mobilise"],
            "funding_amount": "3000",
            "funding_source": "县统计局普查专项经费",
            "frequency_count": "1",
            "frequency_unit": "year",
            "minutes_per_occurrence": "240",
            "target_scope": "all",
            "applies_to": "both",
            "start_date": today.isoformat(),
            "end_date": (today + dt.timedelta(days=180)).isoformat(),
        },
    )
    attachment = do_add_attachment(
        app, actor=world.dept_officer, upload=SimpleUploadedFile("依据.pdf", PDF, content_type="application/pdf")
    )
    return app, attachment


def _lists(world: World) -> tuple[Any, Any]:
    """Version 1 of 汉阴县's lists, published, and an open draft with one item."""
    from jianfu.catalog.actions import do_add_item, do_open_draft, do_publish_version

    county, actor = world.county, world.county_mzj
    do_open_draft(county, actor=actor)
    for data in (
        {"code": "LZ-01", "title": "调解民间纠纷", "category": "duty", "basis": "《城市居民委员会组织法》第三条"},
        {
            "code": "A-01",
            "title": "协助组织老年人健康体检",
            "category": "assist",
            "basis": "《关于持续深化城乡社区减负增效工作的若干措施》",
            "department": "卫生健康局",
            "community_roles": "联系居民、宣传教育",
            "funding_amount": "5000",
            "funding_source": "县财政专项",
            "frequency_count": "1",
            "frequency_unit": "每月",
            "minutes_per_occurrence": "60",
        },
        {
            "code": "ZM-01",
            "title": "居住证明",
            "category": "certificate",
            "cert_kind": "allowed",
            "basis": "《关于深化村（社区）证明事项清理工作的通知》",
            "minutes_per_occurrence": "15",
        },
        {
            "code": "YZ-01",
            "title": "出具证明事项清单所列的证明",
            "category": "seal",
            "basis": "《社区减负增效工作方案》",
        },
    ):
        do_add_item(county, actor=actor, data=data)
    from jianfu.catalog.models import ListVersion

    draft = ListVersion.objects.get(org=county, status="draft")
    version = do_publish_version(draft, actor=actor, effective_date=dt.date(2025, 3, 1), note="权限表测试")
    do_open_draft(county, actor=actor)
    item = do_add_item(
        county,
        actor=actor,
        data={"code": "LZ-09", "title": DRAFT_ITEM_TITLE, "category": "duty", "basis": "《城市居民委员会组织法》"},
    )
    return version, item


def _task(world: World) -> Any:
    from jianfu.dispatch.actions import do_send_task

    dispatch = do_send_task(
        actor=world.dept_officer,
        data={
            "targets": [world.dongguan.code],
            "title": TASK_TITLE,
            "description": "通知辖区65岁以上老年人本周到镇卫生院免费体检。",
            "list_item_code": "A-01",
            "application_id": None,
            "deadline": (timezone.localdate() + dt.timedelta(days=10)).isoformat(),
            "expected_minutes": 90,
        },
    )
    return dispatch, dispatch.tasks.get()


def _supervision(world: World) -> dict[str, Any]:
    from jianfu.supervision import actions

    mzj = world.county_mzj
    reported = actions.do_submit_worker_report(
        actor=world.community_worker,
        title=CASE_TITLE,
        description="县卫健局通过工作群要求东关社区对辖区餐馆开展食品安全检查并上报台账。",
        department=world.wjj,
        rule_ref="负面清单 N-05",
        files=[SimpleUploadedFile("现场.png", PNG, content_type="image/png")],
    )
    evidence = reported.evidence.first()
    # A second case with a 督办单 waiting for the department's reply.
    pending = actions.do_open_case(
        actor=world.community_worker,
        source="refusal",
        region_code=world.dongguan.region_code,
        title=CASE_TITLE + "（督办中）",
        description="县卫健局要求社区每周上报台账。",
        rule_ref="负面清单 N-05",
        community=world.dongguan,
        department=world.wjj,
    )
    actions.do_move_case(pending, "verify", actor=mzj)
    actions.do_move_case(pending, "substantiate", actor=mzj, reason="经电话核实，情况属实。")
    open_order = actions.do_issue_order(
        pending,
        actor=mzj,
        facts="要求社区每周上报台账。",
        rule="负面清单 N-05",
        rectification="立即停止，书面回复。",
        deadline=timezone.localdate() + dt.timedelta(days=10),
    )
    # A third case walked to 办结 with a 督办单 and a 回头看.
    closed = actions.do_open_case(
        actor=world.community_worker,
        source="refusal",
        region_code=world.dongguan.region_code,
        title=CASE_TITLE + "（已办结）",
        description="县卫健局要求社区对辖区企业开展安全检查。",
        rule_ref="负面清单 N-04",
        community=world.dongguan,
        department=world.wjj,
    )
    actions.do_move_case(closed, "verify", actor=mzj)
    actions.do_move_case(closed, "substantiate", actor=mzj, reason="经电话核实，情况属实。")
    order = actions.do_issue_order(
        closed,
        actor=mzj,
        facts="要求社区检查企业。",
        rule="负面清单 N-04",
        rectification="立即撤回，书面回复。",
        deadline=timezone.localdate() + dt.timedelta(days=10),
    )
    actions.do_reply(order, actor=world.dept_officer, text="已撤回通知。")
    closed.refresh_from_db()
    actions.do_decide_reply(closed, actor=mzj, accept=True)
    closed.refresh_from_db()
    recheck = actions.do_schedule_recheck(closed, actor=mzj, due_date=timezone.localdate() + dt.timedelta(days=30))
    today = timezone.localdate()
    published = actions.do_create_notice(actor=mzj, period_start=today - dt.timedelta(days=30), period_end=today)
    actions.do_publish_notice(published, actor=mzj)
    draft_notice = actions.do_create_notice(actor=mzj, period_start=today - dt.timedelta(days=60), period_end=today)
    public = actions.do_submit_public_report(
        county=world.county, title="群众反映：社区被要求上报台账", description="社区每周要填三张表。"
    )
    return {
        "case": reported.pk,
        "closed_case": closed.pk,
        "evidence": evidence.pk,
        "order": order.pk,
        "open_order": open_order.pk,
        "recheck": recheck.pk,
        "notice": draft_notice.pk,
        "published_notice": published.pk,
        "tracking_code": public.tracking_code,
    }


def _drafts(world: World) -> dict[str, Any]:
    """A draft under review (with its .txt file) and a returned one with its 审核意见书."""
    from jianfu.drafts.actions import do_review_draft, do_submit_draft

    day = (timezone.localdate() + dt.timedelta(days=20)).isoformat()
    text = "各村（居）委会：\n请于每月5日前将入户调查台账报送镇政府。".encode()
    data = {"title": DOC_TITLE, "affairs": "government", "issue_date": day}
    draft = do_submit_draft(actor=world.dept_officer, data={**data, "file": SimpleUploadedFile("通知.txt", text)})
    returned = do_submit_draft(actor=world.dept_officer, data={**data, "text": text.decode()})
    opinion = do_review_draft(returned, actor=world.county_mzj, decision="return", opinion="权限表测试")
    return {"doc": draft.pk, "doc_file": draft.files.get().pk, "returned_doc": returned.pk, "opinion": opinion.pk}


def _events(world: World) -> dict[str, Any]:
    """A grid event of 东关社区 whistled to 卫健局 (waiting for it to sign), with a photo."""
    from jianfu.events import actions

    actions.do_load_default_categories(world.county, actor=None)
    from jianfu.orgs.actions import do_create_grid

    grid = do_create_grid(world.dongguan, actor=world.community_worker, name="权限表网格")
    event = actions.do_report_event(
        actor=world.community_worker,
        data={"description": EVENT_TEXT, "category": "0201", "grid": grid.code, "place": "东关街"},
        files=[SimpleUploadedFile("井盖.png", PNG, content_type="image/png")],
    )
    event = actions.do_escalate(event, actor=world.community_worker, reason="需市政部门处置")
    event = actions.do_whistle(event, actor=world.township_officer, department=world.wjj.code, reason="请报到")
    return {"event": event.pk, "event_action": "accept", "grid": grid.pk, "event_photo": event.photos.get().pk}


def _forms(world: World) -> dict[str, Any]:
    """A form in force (on list item A-01) with a layout, in 城关镇's published schedule, filled
    once by 东关社区."""
    import io

    from openpyxl import Workbook

    from jianfu.formsreg import actions

    year = timezone.localdate().year
    due = f"{year}-12-31"
    form = actions.do_register_form(
        actor=world.dept_officer,
        data={"title": FORM_TITLE, "year": year, "frequency_count": 1, "frequency_unit": "year", "due_dates": [due],
              "basis": "《中华人民共和国统计法》", "basis_level": "national", "list_item_code": "A-01",
              "fields": [{"name": "户数", "unit": "户"}, {"name": "常住人口", "unit": "人"}]},
    )  # fmt: skip
    book = Workbook()
    book.active.append(["户数", None])
    buffer = io.BytesIO()
    book.save(buffer)
    actions.do_upload_layout(form, actor=world.dept_officer,
                             upload=SimpleUploadedFile("表样.xlsx", buffer.getvalue()))  # fmt: skip
    actions.do_schedule_form(world.chengguan, form, actor=world.township_officer, year=year)
    plan = actions.Schedule.objects.get(township=world.chengguan, year=year)
    actions.do_publish_schedule(plan, actor=world.township_officer)
    sub = actions.do_submit(
        form, actor=world.community_worker, due_date=due, values={"户数": "812", "常住人口": "2301"}
    )
    return {"form": form.pk, "form_field": form.fields.first().pk, "submission": sub.pk,
            "township": world.chengguan.code}  # fmt: skip


def _certs(world: World) -> dict[str, Any]:
    """A certificate, a refusal, a 告知承诺书 template and a signed commitment of 东关社区."""
    from jianfu.certs import actions
    from jianfu.certs.crypto import check_char

    number = "61092119800101002" + check_char("61092119800101002")
    cw, community = world.community_worker, world.dongguan
    resident = {"resident_name": RESIDENT, "id_number": number}
    cert = actions.do_issue_certificate(
        community,
        actor=cw,
        data={"item_code": "ZM-01", **resident, "purpose": CERT_PURPOSE, "agency": "县民政局", "seal": "committee"},
    )
    refusal = actions.do_record_refusal(community, actor=cw, data={"request": "无犯罪记录证明", "rule": "forbidden"})
    actions.do_save_template(
        world.county,
        actor=world.county_mzj,
        data={"item_code": "ZM-01", "title": "居住情况告知承诺书", "body": "本人承诺……"},
    )
    commitment = actions.do_sign_commitment(
        community, actor=cw, data={"item_code": "ZM-01", **resident, "agency_org": world.wjj.pk}
    )
    return {"cert": cert.pk, "refusal": refusal.pk, "commitment": commitment.pk, "cert_code": "ZM-01"}


def _assess(world: World) -> dict[str, Any]:
    """城关镇's 2026 scheme, being scored (needs the published lists), and one two-way rating."""
    from jianfu.assess import actions

    town = world.township_officer
    scheme = actions.do_create_scheme(actor=town, year=2026)
    indicator = actions.do_add_indicator(scheme, actor=town, kind="item", item_code="LZ-01", weight=40)
    actions.do_add_indicator(scheme, actor=town, kind="satisfaction", key="home_visits", weight=60)
    actions.do_open_scoring(scheme, actor=town)
    actions.do_rate(actor=world.community_worker, target_code=world.wjj.code, year=2026, score=3)
    from jianfu.assess.survey import do_issue_codes

    _batch, codes = do_issue_codes(scheme, actor=town, community_code=world.dongguan.code, count=1)
    from jianfu.assess.assessors import do_appoint_assessor
    from jianfu.assess.objections import do_raise_objection, do_set_objection_deadline

    do_appoint_assessor(scheme, actor=town, username=world.county_zzb.username)  # a third-party evaluator
    from jianfu.assess.assessors import do_assessor_score

    score = do_assessor_score(
        scheme, actor=world.county_zzb, community_code=world.dongguan.code, indicator_id=indicator.pk,
        value="80", note="抽查调解台账 12 件", files=[SimpleUploadedFile("台账.png", PNG, content_type="image/png")],
    )  # fmt: skip
    scheme = do_set_objection_deadline(scheme, actor=town, deadline=timezone.localdate())
    objection = do_raise_objection(
        scheme, actor=world.community_worker, indicator_id=indicator.pk, reason="得分依据未计入"
    )
    return {
        "scheme": scheme.pk,
        "indicator": indicator.pk,
        "scheme_op": "publish",
        "survey_code": codes[0],
        "objection": objection.pk,
        "assess_evidence": score.evidence.get().pk,
    }


def _projects(world: World) -> dict[str, Any]:
    """东关社区's resident projects: one being delivered (with a milestone photo), one on the
    ballot of an open vote round."""
    from jianfu.projects import actions

    cw, town = world.community_worker, world.township_officer
    actions.do_set_envelope(world.chengguan, actor=town, year=timezone.localdate().year, amount="100000")
    built = actions.do_submit_proposal(
        actor=cw,
        community=world.dongguan,
        title=PROJECT_TITLE,
        description="东关街北段夜间无照明",
        estimated_cost="30000",
    )
    built = actions.do_deliberate_project(built, actor=cw, meeting_record="居民议事会同意")
    built = actions.do_approve_project(built, actor=town, budget="28000", funding_source="镇民生微实事专项资金")
    built = actions.do_start_project(built, actor=cw, supplier="光明电力")
    milestone = actions.do_add_milestone(
        built,
        actor=cw,
        title="灯杆安装",
        happened_on=timezone.localdate(),
        files=[SimpleUploadedFile("灯杆.png", PNG, content_type="image/png")],
    )
    voted = actions.do_submit_proposal(
        actor=None,
        community=world.dongguan,
        title=PROJECT_TITLE + "（投票）",
        description="广场",
        estimated_cost="8000",
    )
    voted = actions.do_deliberate_project(voted, actor=cw, meeting_record="居民议事会同意")
    vote_round = actions.do_open_round(actor=cw, kind="select", title="权限表测试投票", projects=[voted])
    actions.do_issue_codes(vote_round, actor=cw, count=3)
    return {
        "project": built.pk,
        "project_op": "complete",
        "project_photo": milestone.photos.get().pk,
        "voted_project": voted.pk,
        "vote_round": vote_round.pk,
    }


def _campaigns(world: World) -> dict[str, Any]:
    """A running campaign: 城关镇's ledger row with a file, and a 整改 item at 东关社区 whose
    rectification (with a file) waits for the county."""
    from jianfu.campaigns import actions

    today = timezone.localdate()
    d = lambda n: today + dt.timedelta(days=n)  # noqa: E731
    campaign = actions.do_create_campaign(
        actor=world.county_mzj, title=CAMPAIGN_TITLE, basis="汉民发〔2026〕12号", tasksets=["apps"],
        stages=[("实施", d(-30), d(-1)), ("整改落实", d(0), d(60))],
    )  # fmt: skip
    actions.do_start_campaign(campaign, actor=world.county_mzj)
    item = campaign.items.filter(township=world.chengguan).order_by("id").first()
    png = SimpleUploadedFile("台账.png", PNG, content_type="image/png")
    actions.do_update_item(item, actor=world.township_officer, status="doing", owner="赵敏", note="推进中", files=[png])
    inspection = actions.do_record_inspection(
        campaign, actor=world.county_mzj, target=world.dongguan, date=d(-2), group="联合检查组", method="covert",
        findings="权限表测试：门外仍挂对口牌子", deadline=d(10),
    )  # fmt: skip
    finding = inspection.findings.get()
    photo = SimpleUploadedFile("整改.png", PNG, content_type="image/png")
    actions.do_rectify_finding(finding, actor=world.township_officer, text="已摘牌", files=[photo])
    return {
        "campaign": campaign.pk,
        "campaign_stage": campaign.stages.order_by("position").first().pk,
        "campaign_op": "close",
        "ledger_item": item.pk,
        "ledger_file": item.files.get().pk,
        "finding": finding.pk,
        "finding_file": finding.files.get().pk,
        "finding_op": "accept",
    }


def _failed_delivery(world: World) -> Any:
    """An e-mail to 刘洋 that failed for good (the sysadmin's page lists it, and may send it again)."""
    from django.test import override_settings

    from jianfu.notify.actions import do_notify

    world.dept_officer.email = "liuyang@wjj.example"
    world.dept_officer.save(update_fields=["email"])
    with override_settings(EMAIL_HOST="127.0.0.1"):
        (note,) = do_notify(world.dept_officer, title=CASE_TITLE + "（督办单）", kind="order")
    delivery = note.deliveries.get()
    delivery.status, delivery.attempts, delivery.last_error = "failed", 6, "无法连接：Connection refused"
    delivery.save(update_fields=["status", "attempts", "last_error"])
    return delivery


def build_scene(world: World) -> dict[str, Any]:
    from jianfu.admission.actions import do_open_plan_window
    from jianfu.notify.actions import do_notify

    version, draft_item = _lists(world)
    from jianfu.admission.actions import do_submit_application

    app, attachment = _application(world)
    submitted, _ = _application(world, APP_TITLE + "（已提交）")
    submitted = do_submit_application(submitted, actor=world.dept_officer)
    assert submitted.state == "submitted", submitted.state
    plan = do_open_plan_window(world.county, actor=world.county_mzj, year=timezone.localdate().year + 1)
    dispatch, task = _task(world)
    from jianfu.matching.actions import do_save_group

    group = do_save_group(actor=world.county_mzj, county=world.county, data={"term": "权限表", "aliases": "权限测试"})
    (note,) = do_notify(world.community_worker, title="权限表测试：新任务", url="/inbox/")
    delivery = _failed_delivery(world)
    return {
        "county": world.county.code,
        "community": world.dongguan.code,
        "dept_org": world.wjj.code,
        "org": world.dongguan.code,
        "user": world.community_worker.pk,
        "notification": note.pk,
        "delivery": delivery.pk,
        "version": version.number,
        "draft_item": draft_item.pk,
        "item": "A-01",
        "app": app.pk,
        "submitted_app": submitted.pk,
        "attachment": attachment.pk,
        "plan": plan.pk,
        "dispatch": dispatch.pk,
        "task": task.pk,
        "inbox_op": "accept",
        "doc_op": "withdraw",
        "lexicon_group": group.pk,
        "citation_key": "burden.veto",
        **_supervision(world),
        **_drafts(world),
        **_events(world),
        **_forms(world),
        **_certs(world),
        **_assess(world),
        **_projects(world),
        **_campaigns(world),
    }
