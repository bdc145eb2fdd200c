"""Collect once (一数一源): pre-fill from base data, submissions update it, export in the layout."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from jianfu.burden.models import LedgerEntry
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.formsreg import actions, prefill
from jianfu.formsreg.models import BaseFact, Submission

from .conftest import YEAR, form_data
from .helpers import schedule, xlsx

pytestmark = pytest.mark.django_db
DUE = f"{YEAR}-03-31"


@pytest.fixture
def two_forms(world, lists):
    first = actions.do_register_form(actor=world.dept_officer, data=form_data())
    second = actions.do_register_form(
        actor=world.dept_officer2,
        data=form_data(title="老年人基本情况表", frequency_unit="year", due_dates=[f"{YEAR}-06-30"],
                       fields=[{"name": "总户数", "unit": "户"}, {"name": "60周岁以上老人数", "unit": "人"},
                               {"name": "家庭医生签约人数", "unit": "人"}, {"name": "老年协会会员数", "unit": "人"}]),
    )  # fmt: skip
    schedule(world, first, second)
    return first, second


def values(form, **by_name):
    return {str(f.pk): by_name[f.name] for f in form.fields.all() if f.name in by_name}


def test_what_one_form_collects_prefills_the_next_with_its_source(world, two_forms):
    first, second = two_forms
    actions.do_set_base_data(world.dongguan, actor=world.community_worker, values={"households": "812"})
    before = prefill.prefill(first, world.dongguan)
    assert [i.value for i in before.items] == ["812", "", "", ""]
    sub = actions.do_submit(first, actor=world.community_worker, due_date=DUE,
                            values=values(first, 户数="812", 常住人口="2301", **{"60岁以上老年人数": "466",
                                          "家庭医生签约人数": "530"}))  # fmt: skip
    assert sub.prefilled == [first.fields.get(name="户数").pk] and sub.minutes == 10  # 3 × 3 + 0.5, rounded up
    after = prefill.prefill(second, world.dongguan)
    assert [i.value for i in after.items] == ["812", "466", "530", ""]
    assert after.share == 0.75 and "社区人口基本情况统计表" in after.items[1].source
    fact = BaseFact.objects.get(community=world.dongguan, key="age_60")
    assert fact.value == "466" and fact.source_org == world.wjj and fact.source_form == first
    # The ledger knows the time it took.
    assert LedgerEntry.objects.filter(community=world.dongguan, kind="form").count() == 1


@pytest.mark.parametrize(
    ("raw", "message"),
    [("8l2", "须填写数字，不能含字母"), ("-5", "不能小于 0"), ("12.5", "须为整数"), ("", "请填写“户数”")],
)
def test_bad_values_are_refused_in_chinese_and_nothing_is_saved(world, two_forms, raw, message):
    first, _second = two_forms
    data = values(first, 户数=raw, 常住人口="2301", **{"60岁以上老年人数": "466", "家庭医生签约人数": "530"})
    with pytest.raises(ActionError) as raised:
        actions.do_submit(first, actor=world.community_worker, due_date=DUE, values=data)
    assert message in raised.value.message
    assert not Submission.objects.exists() and not BaseFact.objects.exists()


def test_a_community_fills_only_what_it_owes_and_only_once(world, two_forms):
    first, _second = two_forms
    data = values(first, 户数="1", 常住人口="2", **{"60岁以上老年人数": "3", "家庭医生签约人数": "4"})
    with pytest.raises(ActionError, match="无需填报"):
        actions.do_submit(first, actor=world.community_worker, due_date=f"{YEAR}-04-01", values=data)
    with pytest.raises(ActionError, match="无需填报"):  # 涧池镇 has no schedule
        actions.do_submit(first, actor=world.village_worker, due_date=DUE, values=data)
    actions.do_submit(first, actor=world.community_worker, due_date=DUE, values=data)
    with pytest.raises(ActionError, match="已填报"):
        actions.do_submit(first, actor=world.community_worker, due_date=DUE, values=data)
    with pytest.raises(NotAllowed):
        actions.do_submit(first, actor=world.township_officer, due_date=DUE, values=data)


def test_the_filled_form_exports_into_the_departments_own_layout(world, two_forms, client_for):
    first, _second = two_forms
    layout = xlsx([["{表格名称}"], ["填报单位：{社区}", None], ["户数", None], ["常住人口", None],
                   ["60岁以上老年人数", "{60岁以上老年人数}"], ["=HYPERLINK(1)", None]])  # fmt: skip
    actions.do_upload_layout(first, actor=world.dept_officer, upload=layout)
    data = values(first, 户数="812", 常住人口="2301", **{"60岁以上老年人数": "466", "家庭医生签约人数": "530"})
    sub = actions.do_submit(first, actor=world.community_worker, due_date=DUE, values=data)
    response = client_for("dept_officer").get(f"/forms/submissions/{sub.pk}/xlsx/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "社区人口基本情况统计表" and sheet["A2"].value == "填报单位：东关社区"
    assert (sheet["B3"].value, sheet["B4"].value, sheet["B5"].value) == (812, 2301, 466)
    assert client_for("dept_officer2").get(f"/forms/submissions/{sub.pk}/xlsx/").status_code == 404


def test_a_layout_that_is_not_xlsx_is_refused(world, two_forms):
    first, _second = two_forms
    for upload in (SimpleUploadedFile("表样.xlsx", b"%PDF-1.4 not a workbook"), SimpleUploadedFile("a.xlsx", b"")):
        with pytest.raises(ActionError):
            actions.do_upload_layout(first, actor=world.dept_officer, upload=upload)
    assert not hasattr(first, "layout") or first.layout is None


def test_the_fill_page_shows_the_prefill_and_keeps_entries_after_an_error(world, two_forms, client_for):
    _first, second = two_forms
    actions.do_set_base_data(world.dongguan, actor=world.community_worker, values={"households": "812"})
    client = client_for("community_worker")
    page = client.get(f"/forms/{second.pk}/fill/").content.decode()
    assert 'value="812"' in page and "预填" in page
    f = {f.name: f.pk for f in second.fields.all()}
    bad = client.post(f"/forms/{second.pk}/fill/", {"due_date": f"{YEAR}-06-30", f"f_{f['总户数']}": "812",
                                                    f"f_{f['60周岁以上老人数']}": "abc"})  # fmt: skip
    assert bad.status_code == 200 and "不能含字母" in bad.content.decode() and 'value="abc"' in bad.content.decode()
    ok = client.post(f"/forms/{second.pk}/fill/", {"due_date": f"{YEAR}-06-30", f"f_{f['总户数']}": "812",
                     f"f_{f['60周岁以上老人数']}": "466", f"f_{f['家庭医生签约人数']}": "530",
                     f"f_{f['老年协会会员数']}": "80"})  # fmt: skip
    assert ok.status_code == 302 and Submission.objects.get().prefilled == [f["总户数"]]
    base = client.get("/forms/base/").content.decode()
    assert "466" in base and "汉阴县人力资源和社会保障局" in base
