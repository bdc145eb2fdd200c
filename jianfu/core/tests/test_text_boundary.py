"""Lone surrogates, NUL and control characters: refused at the one boundary, in Chinese, and the
same on SQLite and PostgreSQL (issue 20, point 6). CI runs this file on both databases."""

from __future__ import annotations

import json

import pytest

from jianfu.admission.models import Application
from jianfu.admission.tests.conftest import app_data
from jianfu.core import text

BAD = {
    "nul": "普查\x00入户",
    "bell": "普查\x07入户",
    "escape": "普查\x1b[31m",
    "c1": "普查\x85入户",
    "lone-high-surrogate": "普查\ud800",
    "lone-low-surrogate": "\udfff普查",
}
MESSAGE = "不能保存的字符"


@pytest.mark.parametrize("value", ["普查入户", "第一行\n第二行\r\n\t缩进", "😀 emoji 与 𠀀 扩展字"])
def test_ordinary_text_with_tabs_newlines_and_astral_characters_passes(value):
    assert text.is_clean(value)


@pytest.mark.parametrize("value", BAD.values(), ids=BAD.keys())
def test_the_rule_refuses_each_bad_character(value):
    assert not text.is_clean(value)
    with pytest.raises(text.BadText) as caught:
        text.check_value({"items": [{"title": value}]})
    assert caught.value.field == "items[0].title"


@pytest.mark.parametrize("value", BAD.values(), ids=BAD.keys())
def test_the_api_refuses_a_bad_string_in_json_with_a_chinese_400_and_saves_nothing(world, api_client_for, value):
    body = json.dumps({**app_data(), "title": value})  # ensure_ascii: "\ud800" travels as an escape
    r = api_client_for("dept_officer").post("/api/v1/admission/applications", body, content_type="application/json")
    assert r.status_code == 400, r.content
    assert MESSAGE in r.json()["detail"] and r.json()["field"] == "title"
    assert not Application.objects.exists()


def test_the_api_refuses_a_bad_query_parameter(world, api_client_for):
    r = api_client_for("dept_officer").get("/api/v1/admission/applications", {"q": "普查\x00"})
    assert r.status_code == 400 and MESSAGE in r.json()["detail"]


def test_the_api_answers_broken_json_in_chinese(world, api_client_for):
    r = api_client_for("dept_officer").post(
        "/api/v1/admission/applications", b'{"title": "\xff\xfe', content_type="application/json"
    )
    assert r.status_code == 400 and "JSON" in r.json()["detail"]


@pytest.mark.parametrize("value", [BAD["nul"], BAD["bell"], BAD["c1"]], ids=["nul", "bell", "c1"])
def test_a_page_form_with_a_bad_character_is_refused_with_a_chinese_page_and_saves_nothing(world, client_for, value):
    r = client_for("dept_officer").post("/admission/new/", {**app_data(title=value), "community_roles": ["mobilise"]})
    assert r.status_code == 400
    assert MESSAGE in r.content.decode() and "title" in r.content.decode()
    assert not Application.objects.exists()


def test_a_page_search_with_a_nul_is_refused_not_a_500(world, client_for):
    r = client_for("county_mzj").get("/admission/", {"q": "普查\x00"})
    assert r.status_code == 400 and MESSAGE in r.content.decode()


def test_an_undecodable_byte_in_a_form_is_replaced_not_a_500(world, client_for):
    """Django decodes form bodies with errors="replace": an encoded surrogate (ED A0 80) arrives
    as U+FFFD, which every database stores, so nothing reaches the database as a lone surrogate."""
    r = client_for("county_mzj").get("/admission/?q=%ED%A0%80")
    assert r.status_code == 200
