"""The round after scoring opens: data-driven scores, objections (once, before the deadline),
the per-community PDF, and a department's attempt to assess communities (a breach + a case)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jianfu.assess import actions, objections
from jianfu.assess.models import DeptAssessAttempt, Objection, Scheme, Score
from jianfu.core.errors import ActionError, NotAllowed

from .helpers import publish_lists


def _scheme(world, method="manual"):
    publish_lists(world)
    town = world.township_officer
    scheme = actions.do_create_scheme(actor=town, year=timezone.localdate().year)
    actions.do_add_indicator(scheme, actor=town, kind="item", item_code="LZ-01", weight=40, method=method)
    actions.do_add_indicator(scheme, actor=town, kind="satisfaction", key="home_visits", weight=60)
    return actions.do_open_scoring(scheme, actor=town)


def _score_all(world, scheme, value=80):
    for community in (world.dongguan, world.xiguan, world.qiaoshang):
        for indicator in scheme.indicators.all():
            actions.do_enter_score(
                scheme,
                actor=world.township_officer,
                community_code=community.code,
                indicator_id=indicator.pk,
                value=value,
            )


def test_an_unknown_scoring_method_is_refused(world):
    publish_lists(world)
    scheme = actions.do_create_scheme(actor=world.township_officer, year=2026)
    with pytest.raises(ActionError, match="评分方式"):
        actions.do_add_indicator(
            scheme, actor=world.township_officer, kind="item", item_code="LZ-01", weight=40, method="veto"
        )


def test_tasks_completed_are_computed_with_how(world):
    from jianfu.dispatch.models import Dispatch, Task

    scheme = _scheme(world, method="tasks_completed")
    dispatch = Dispatch.objects.create(
        region_code=world.county.region_code,
        sender_org=world.wjj,
        sender=world.dept_officer,
        title="测试任务",
        verdict="listed",
    )
    for state in ("completed", "completed", "accepted", "refused"):
        Task.objects.create(
            dispatch=dispatch,
            community=world.dongguan,
            region_code=world.dongguan.region_code,
            sender_org=world.wjj,
            title="测试任务",
            verdict="listed",
            state=state,
        )
    actions.do_compute_scores(scheme, actor=world.township_officer)
    score = Score.objects.get(indicator__method="tasks_completed", community=world.dongguan)
    assert str(score.value) == "66.7" and score.source == "data" and "接收任务 3 项，已完成 2 项" in score.note
    assert not Score.objects.filter(indicator__method="tasks_completed", community=world.xiguan).exists()


def test_a_community_objects_once_before_the_deadline_and_the_township_decides(world):
    scheme = _scheme(world)
    _score_all(world, scheme)
    item = scheme.indicators.get(kind="item")
    cw, town = world.community_worker, world.township_officer
    with pytest.raises(ActionError, match="尚未公布异议期"):
        objections.do_raise_objection(scheme, actor=cw, indicator_id=item.pk, reason="入户走访记录未计入")
    with pytest.raises(NotAllowed):
        objections.do_set_objection_deadline(scheme, actor=cw, deadline=timezone.localdate())
    scheme = objections.do_set_objection_deadline(scheme, actor=town, deadline=timezone.localdate())
    objection = objections.do_raise_objection(scheme, actor=cw, indicator_id=item.pk, reason="调解记录共 12 件未计入")
    with pytest.raises(ActionError, match="只能提出一次"):
        objections.do_raise_objection(scheme, actor=cw, indicator_id=item.pk, reason="再提一次试试看")
    with pytest.raises(ActionError, match="异议未决定"):
        actions.do_publish_scheme(scheme, actor=town)
    with pytest.raises(ActionError, match="驳回异议须写明理由"):
        objections.do_decide_objection(objection, actor=town, uphold=False, decision="")
    objections.do_decide_objection(objection, actor=town, uphold=True, decision="核实属实", value="92")
    assert Score.objects.get(indicator=item, community=world.dongguan).value == 92
    assert Objection.objects.get().state == "upheld"
    assert actions.do_publish_scheme(scheme, actor=town).state == "published"


def test_an_objection_after_the_deadline_is_refused_and_nothing_saved(world):
    scheme = _scheme(world)
    Scheme.objects.filter(pk=scheme.pk).update(objection_deadline=timezone.localdate() - dt.timedelta(days=1))
    scheme.refresh_from_db()
    with pytest.raises(ActionError, match=r"异议期已于 .* 截止"):
        objections.do_raise_objection(
            scheme, actor=world.community_worker, indicator_id=scheme.indicators.first().pk, reason="得分偏低，请复核"
        )
    assert not Objection.objects.exists()


def test_objection_pages(world, client_for):
    scheme = _scheme(world)
    _score_all(world, scheme)
    town = client_for("township_officer")
    assert town.post(f"/assess/{scheme.pk}/objections/deadline/", {"deadline": "bad"}).status_code == 200
    town.post(f"/assess/{scheme.pk}/objections/deadline/", {"deadline": timezone.localdate().isoformat()})
    cw = client_for("community_worker")
    assert "提出异议（只能提出一次）" in cw.get(f"/assess/{scheme.pk}/").content.decode()
    item = scheme.indicators.get(kind="item")
    response = cw.post(
        f"/assess/{scheme.pk}/objections/", {"indicator_id": item.pk, "reason": "<script>x</script>台账"}
    )
    assert response.status_code == 302
    objection = Objection.objects.get()
    page = town.get(f"/assess/{scheme.pk}/").content.decode()
    assert "&lt;script&gt;" in page and "<script>x" not in page
    town.post(
        f"/assess/{scheme.pk}/objections/{objection.pk}/decide/", {"uphold": "0", "decision": "台账已核，得分无误"}
    )
    objection.refresh_from_db()
    assert objection.state == "rejected" and objection.decision == "台账已核，得分无误"


def test_the_community_pdf_has_the_breakdown(world, client_for, cjk_font):
    from jianfu.testing import pdf_facts

    scheme = _scheme(world)
    _score_all(world, scheme, value=75)
    response = client_for("community_worker").get(f"/assess/{scheme.pk}/result/{world.dongguan.code}.pdf")
    assert response["Content-Type"] == "application/pdf"
    text, _fonts = pdf_facts(response.content)
    assert "东关社区" in text and "调解民间纠纷" in text and "入户走访" in text and "人工评分" in text
    assert "75.00" in text  # the total
    other = client_for("community_worker").get(f"/assess/{scheme.pk}/result/{world.xiguan.code}.pdf")
    assert other.status_code == 404


def test_a_department_trying_to_assess_communities_is_refused_recorded_and_a_case(world, client_for):
    from jianfu.supervision.models import Case

    client = client_for("dept_officer")
    assert client.post("/assess/new/", {"year": 2026, "satisfaction_floor": 50}).status_code == 403
    assert client.post("/assess/new/", {"year": 2026}).status_code == 403
    assert not Scheme.objects.exists()
    attempt = DeptAssessAttempt.objects.get()
    assert attempt.department == world.wjj and attempt.attempts == 2
    case = Case.objects.get()
    assert case.department == world.wjj and "试图单独考核" in case.title and attempt.case_id == case.pk
    # a township's own department is a department too
    with pytest.raises(NotAllowed):
        actions.do_create_scheme(actor=world.county_mzj, year=2026)
    assert DeptAssessAttempt.objects.count() == 1  # 民政局 (list owner) is not a department officer


def test_a_third_party_evaluator_scores_assessor_indicators_with_evidence(world, client_for):
    from jianfu.assess import assessors

    scheme = _scheme(world)
    town = world.township_officer
    for username in ("dept_officer", "community_worker", "nobody", "other_county_officer"):
        with pytest.raises(ActionError):
            assessors.do_appoint_assessor(scheme, actor=town, username=username)
    with pytest.raises(NotAllowed):
        assessors.do_appoint_assessor(scheme, actor=world.county_mzj, username="township2_officer")
    assessors.do_appoint_assessor(scheme, actor=town, username="township2_officer")  # a peer township
    evaluator = world.township2_officer
    item = scheme.indicators.get(kind="item")
    resident = scheme.indicators.get(kind="satisfaction")
    kwargs = {"community_code": world.dongguan.code, "value": "88"}
    with pytest.raises(ActionError, match="须写明评分依据"):
        assessors.do_assessor_score(scheme, actor=evaluator, indicator_id=item.pk, note="", **kwargs)
    with pytest.raises(ActionError, match="人工评分的清单事项"):
        assessors.do_assessor_score(scheme, actor=evaluator, indicator_id=resident.pk, note="入户抽查 20 户", **kwargs)
    with pytest.raises(NotAllowed):
        assessors.do_assessor_score(
            scheme, actor=world.county_mzj, indicator_id=item.pk, note="入户抽查 20 户", **kwargs
        )
    client = client_for("township2_officer")
    assert "评估打分（须写明依据）" in client.get(f"/assess/{scheme.pk}/").content.decode()
    response = client.post(
        f"/assess/{scheme.pk}/assessor-scores/",
        {"community_code": world.dongguan.code, "indicator_id": item.pk, "value": "88", "note": "抽查调解台账 12 件"},
    )
    assert response.status_code == 302
    score = Score.objects.get(indicator=item, community=world.dongguan)
    assert score.value == 88 and score.source == "assessor" and score.note == "抽查调解台账 12 件"
