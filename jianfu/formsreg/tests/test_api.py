"""The API: registry, register, duplicates, prefill and submissions."""

from __future__ import annotations

import json

import pytest

from jianfu.formsreg import actions
from jianfu.formsreg.models import FormDef, Submission

from .conftest import YEAR, form_data
from .helpers import schedule

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_a_department_registers_through_the_api_and_sees_what_is_already_collected(world, lists, api_client_for):
    actions.do_register_form(actor=world.dept_officer, data=form_data())
    client = api_client_for("dept_officer2")
    body = form_data(
        title="就业统计表", fields=[{"name": "辖区户数", "unit": "户"}, {"name": "家庭医生签约人数", "unit": "人"}]
    )
    response = post(client, "/api/v1/forms", body)
    assert response.status_code == 201, response.content
    out = response.json()
    assert out["state"] == "active" and out["number"].startswith("表备〔")
    assert out["fields"][1]["collected_by"] == "汉阴县卫生健康局《社区人口基本情况统计表》"
    listing = client.get("/api/v1/forms").json()["items"]
    assert {f["title"] for f in listing} == {"社区人口基本情况统计表", "就业统计表"}
    assert api_client_for("other_dept_officer").get("/api/v1/forms").json()["items"] == []


def test_bad_registrations_answer_400_with_every_problem_and_save_nothing(world, lists, api_client_for):
    body = form_data(fields=[{"name": "", "type": "integer"}, {"name": "户数", "type": "金额"}])
    response = post(api_client_for("dept_officer"), "/api/v1/forms", body)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert len(errors) == 2 and "未知的类型“金额”" in errors[1]["message"]
    assert not FormDef.objects.exists()


def test_duplicates_prefill_and_submission_through_the_api(world, lists, api_client_for):
    first = actions.do_register_form(actor=world.dept_officer, data=form_data())
    second = actions.do_register_form(
        actor=world.dept_officer2,
        data=form_data(title="老年人基本情况表", fields=[{"name": "总户数", "unit": "户"},
                                                        {"name": "60周岁以上老人数", "unit": "人"}]),
    )  # fmt: skip
    schedule(world, first, second)
    dup = api_client_for("county_mzj").get("/api/v1/forms/duplicates").json()
    assert dup["merges"][0]["drop_title"] == "老年人基本情况表" and dup["saved_indicators"] == 2
    cw = api_client_for("community_worker")
    values = {f.name: v for f, v in zip(first.fields.all(), ["812", "2301", "466", "530"], strict=True)}
    done = post(cw, f"/api/v1/forms/{first.pk}/submissions", {"due_date": f"{YEAR}-03-31", "values": values})
    assert done.status_code == 201 and done.json()["prefilled"] == 0
    pre = cw.get(f"/api/v1/forms/{second.pk}/prefill").json()
    assert pre["share"] == 1.0 and [i["value"] for i in pre["items"]] == ["812", "466"]
    town = api_client_for("township_officer").get(f"/api/v1/forms/{second.pk}/prefill?community=610921100001")
    assert town.status_code == 200
    assert api_client_for("township2_officer").get(
        f"/api/v1/forms/{second.pk}/prefill?community=610921100001").status_code == 404  # fmt: skip
    bad = post(cw, f"/api/v1/forms/{second.pk}/submissions", {"values": {"总户数": "八百"}})
    assert bad.status_code == 400 and "不能含字母" in bad.json()["detail"]
    assert Submission.objects.count() == 1
