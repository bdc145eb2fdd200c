"""The resident satisfaction survey: one-time codes, one answer per code, flagged patterns held
out until the township decides, response rates, scores computed from the answers."""

from __future__ import annotations

import hashlib
import re

import pytest

from jianfu.assess import actions, selectors, survey
from jianfu.assess.models import Score, SurveyAnswer, SurveyCode
from jianfu.core.errors import ActionError, NotAllowed

from .helpers import ready_scheme

ALL_SATISFIED = dict.fromkeys(survey.SURVEY_KEYS, "满意")


def _scoring(world):
    return actions.do_open_scoring(ready_scheme(world), actor=world.township_officer)


def _codes(world, scheme, n=5, community=None, actor=None):
    community = community or world.dongguan
    _batch, codes = survey.do_issue_codes(
        scheme, actor=actor or world.township_officer, community_code=community.code, count=n
    )
    return codes


def test_only_hashes_of_the_codes_are_stored(world):
    scheme = _scoring(world)
    codes = _codes(world, scheme, 3)
    assert len(set(codes)) == 3 and all(len(c) == 12 for c in codes)
    stored = set(SurveyCode.objects.values_list("code_hash", flat=True))
    assert stored == {hashlib.sha256(c.encode()).hexdigest() for c in codes}
    assert not any(c in h for c in codes for h in stored)


def test_a_community_prints_codes_for_itself_only_and_a_department_never(world):
    scheme = _scoring(world)
    assert len(_codes(world, scheme, 2, actor=world.community_worker)) == 2
    with pytest.raises(NotAllowed):
        _codes(world, scheme, 2, community=world.xiguan, actor=world.community_worker)
    with pytest.raises(NotAllowed):
        _codes(world, scheme, 2, actor=world.county_mzj)
    with pytest.raises(ActionError, match="1 至 500"):
        _codes(world, scheme, 501)
    with pytest.raises(ActionError, match="不属于本乡镇"):
        _codes(world, scheme, 2, community=world.heqiao)


def test_one_answer_per_code_and_no_personal_data(world):
    scheme = _scoring(world)
    (code,) = _codes(world, scheme, 1)
    answer = survey.do_answer_survey(survey.pretty(code).lower(), actor=None, answers=ALL_SATISFIED, address="10.0.0.9")
    assert answer.status == "counted" and answer.community == world.dongguan and answer.home_visits == 5
    assert "10.0.0.9" not in answer.client_hash and len(answer.client_hash) == 64
    with pytest.raises(ActionError, match="已使用"):
        survey.do_answer_survey(code, actor=None, answers=ALL_SATISFIED, address="10.0.0.8")
    with pytest.raises(ActionError, match="问卷码无效"):
        survey.do_answer_survey("ABCDEFGHJKLM", actor=None, answers=ALL_SATISFIED, address="10.0.0.8")
    with pytest.raises(ActionError, match="问卷码无效"):
        survey.do_answer_survey("<script>", actor=None, answers=ALL_SATISFIED, address="10.0.0.8")
    assert SurveyAnswer.objects.count() == 1


def test_incomplete_answers_are_refused_and_the_code_stays_unused(world):
    scheme = _scoring(world)
    (code,) = _codes(world, scheme, 1)
    with pytest.raises(ActionError, match="请回答全部问题") as exc:
        survey.do_answer_survey(code, actor=None, answers={"home_visits": 9}, address="1.1.1.1")
    assert {e["field"] for e in exc.value.errors} == set(survey.SURVEY_KEYS)
    assert not SurveyCode.objects.get().used and not SurveyAnswer.objects.exists()


def test_many_answers_from_one_address_are_flagged_and_held_out_until_decided(world):
    scheme = _scoring(world)
    codes = _codes(world, scheme, 6)
    low = dict.fromkeys(survey.SURVEY_KEYS, 1)
    for code in codes[:5]:
        survey.do_answer_survey(code, actor=None, answers=low, address="10.1.1.1")
    survey.do_answer_survey(codes[5], actor=None, answers=ALL_SATISFIED, address="10.2.2.2")
    assert SurveyAnswer.objects.filter(status="flagged").count() == 5
    (row,) = [r for r in selectors.survey_stats(scheme) if r.community == world.dongguan]
    assert (row.issued, row.counted, row.flagged, str(row.rate)) == (6, 1, 5, "16.7")
    actions.do_compute_scores(scheme, actor=world.township_officer)
    score = Score.objects.get(indicator__key="home_visits", community=world.dongguan)
    assert score.value == 100 and score.source == "survey" and "居民问卷 1 份" in score.note
    with pytest.raises(ActionError, match="可疑答卷待审核"):
        actions.do_publish_scheme(scheme, actor=world.township_officer)
    flagged = list(selectors.flagged_answers(scheme).values_list("pk", flat=True))
    with pytest.raises(NotAllowed):
        survey.do_review_answers(scheme, actor=world.community_worker, ids=flagged, accept=True)
    assert survey.do_review_answers(scheme, actor=world.township_officer, ids=flagged[:2], accept=True) == 2
    assert survey.do_review_answers(scheme, actor=world.township_officer, ids=flagged[2:], accept=False) == 3
    actions.do_compute_scores(scheme, actor=world.township_officer)
    score = Score.objects.get(indicator__key="home_visits", community=world.dongguan)
    assert str(score.value) == "33.3"  # (5 + 1 + 1) / 3 = 2.33 → 33.3


def test_the_public_page_takes_an_answer_on_a_phone(world, client):
    scheme = _scoring(world)
    (code,) = _codes(world, scheme, 1)
    page = client.get(f"/public/survey/?c={code}").content.decode()
    assert "入户走访" in page and "对社区工作者的满意度" in page and code in page
    data = {"code": code, **dict.fromkeys(survey.SURVEY_KEYS, "4")}
    assert "提交成功" in client.post("/public/survey/", data).content.decode()
    again = client.post("/public/survey/", data)
    assert again.status_code == 200 and "该问卷码已使用" in again.content.decode()
    assert SurveyAnswer.objects.get().services == 4


def test_the_public_page_is_rate_limited(world, client, settings):
    settings.ASSESS_SURVEY_ANSWERS_PER_WINDOW = 2
    for _ in range(2):
        assert client.post("/public/survey/", {"code": "x"}).status_code == 200
    response = client.post("/public/survey/", {"code": "x"})
    assert response.status_code == 429 and "提交过于频繁" in response.content.decode()


def test_the_public_api_answers_with_a_code(world, client):
    scheme = _scoring(world)
    (code,) = _codes(world, scheme, 1)
    url = f"/api/v1/surveys/{code}/answers"
    response = client.post(url, {"answers": ALL_SATISFIED}, content_type="application/json")
    assert response.status_code == 201 and response.json()["community"] == "东关社区"
    again = client.post(url, {"answers": ALL_SATISFIED}, content_type="application/json")
    assert again.status_code == 409 and "已使用" in again.json()["detail"]
    forged = client.post("/api/v1/surveys/AAAABBBBCCCC/answers", {"answers": {}}, content_type="application/json")
    assert forged.status_code == 404 and "问卷码无效" in forged.json()["detail"]


def test_the_township_prints_cards_as_a_pdf(world, client_for, cjk_font):
    from jianfu.testing import pdf_facts

    scheme = _scoring(world)
    response = client_for("township_officer").post(
        f"/assess/{scheme.pk}/survey/codes/", {"community_code": world.dongguan.code, "count": 3}
    )
    assert response["Content-Type"] == "application/pdf"
    text, _fonts = pdf_facts(response.content)
    flat = text.replace("\n", "")
    assert "东关社区" in text and "居民满意度问卷卡" in text and "/public/survey/" in flat and "扫码" in text
    printed = re.findall(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", text)
    stored = set(SurveyCode.objects.values_list("code_hash", flat=True))
    assert len(printed) == 3 and {survey.code_hash(c) for c in printed} == stored


def test_answers_after_publication_are_refused(world):
    scheme = _scoring(world)
    (code,) = _codes(world, scheme, 1)
    scheme.state = "published"
    scheme.save()
    with pytest.raises(ActionError, match="问卷已结束"):
        survey.do_answer_survey(code, actor=None, answers=ALL_SATISFIED, address="1.1.1.1")


def test_the_cards_qr_code_is_an_inline_svg():
    from jianfu.assess.views_survey import qr_data_uri

    assert qr_data_uri("https://example.org/public/survey/?c=ABCDEFGHJKLM").startswith("data:image/svg+xml")
