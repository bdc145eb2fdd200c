"""Registering a form (表格报备): fields, list item or admission, bad input, unregistered forms."""

from __future__ import annotations

import pytest

from jianfu.admission.models import Application
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.formsreg import actions
from jianfu.formsreg.models import FormDef, FormField
from jianfu.supervision.models import Case

from .conftest import YEAR, form_data

pytestmark = pytest.mark.django_db
FUNDS = {"funding_amount": "1200", "funding_source": "县人社局工作经费"}


def test_a_department_registers_a_form_on_a_list_item_and_it_is_in_force_with_a_number(world, lists):
    form = actions.do_register_form(actor=world.dept_officer, data=form_data())
    assert form.state == "active" and form.list_item.code == "F-01" and form.number == 1
    names = list(form.fields.values_list("name", "unit", "granularity"))
    assert names[0] == ("户数", "户", "community") and len(names) == 4
    # Base-data figures are known concepts; the new one gets its own.
    concepts = dict(form.fields.values_list("name", "concept"))
    assert concepts["户数"] == "households" and concepts["60岁以上老年人数"] == "age_60"
    assert concepts["家庭医生签约人数"].startswith("f")
    second = actions.do_register_form(actor=world.dept_officer, data=form_data(title="第二张表"))
    assert second.number == 2


def test_a_form_without_a_list_item_goes_to_admission_with_one_application_of_its_own(world, lists):
    form = actions.do_register_form(actor=world.dept_officer2, data=form_data(list_item_code="", **FUNDS))
    assert form.state == "pending" and form.application is not None
    app = form.application
    assert app.category == "form" and app.state == "draft" and "社区人口基本情况统计表" in app.title
    assert app.applicant_org == world.rsj
    with pytest.raises(ActionError, match="一事一报"):
        actions.do_register_form(
            actor=world.dept_officer2, data=form_data(list_item_code="", application_id=app.pk, **FUNDS)
        )
    # Approval puts it in force.
    Application.objects.filter(pk=app.pk).update(state="approved")
    from jianfu.formsreg.selectors import active_forms, effective_state

    form.refresh_from_db()
    assert effective_state(form) == "active" and active_forms("610921").filter(pk=form.pk).exists()


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"fields": [{"name": "", "type": "integer"}]}, "请填写指标名称"),
        ({"fields": [{"name": "户数", "type": "金额"}]}, "未知的类型“金额”"),
        ({"due_dates": [f"{YEAR + 1}-01-05"]}, f"不在 {YEAR} 年内"),
        ({"due_dates": ["明年一月"]}, "格式应为"),
        ({"fields": []}, "请至少填写一个指标"),
        ({"basis": ""}, "法律政策依据"),
        ({"list_item_code": "N-01"}, "未在本县现行清单"),
        ({"fields": [{"name": "低保对象姓名", "type": "text", "granularity": "person"}]}, "居民个人信息"),
        ({"frequency_unit": "year", "due_dates": [f"{YEAR}-03-01", f"{YEAR}-06-01"]}, "超过报备频次"),
    ],
)
def test_bad_registrations_are_refused_in_chinese_and_nothing_is_saved(world, lists, over, message):
    with pytest.raises(ActionError) as raised:
        actions.do_register_form(actor=world.dept_officer, data=form_data(**over))
    assert message in raised.value.message
    assert not FormDef.objects.exists() and not FormField.objects.exists() and not Application.objects.exists()


def test_a_per_person_field_is_allowed_when_the_basis_says_so_and_the_basis_is_kept(world, lists):
    data = form_data(fields=[{"name": "残疾人姓名", "type": "text", "granularity": "按人"}],
                     personal_basis="《残疾人保障法》第十条，仅用于残疾人两项补贴核对")  # fmt: skip
    form = actions.do_register_form(actor=world.dept_officer, data=data)
    assert form.personal and "残疾人保障法" in form.personal_basis


def test_only_departments_and_townships_register_forms(world, lists):
    for persona in ("community_worker", "county_mzj", "leading_group"):
        with pytest.raises(NotAllowed):
            actions.do_register_form(actor=world.users[persona], data=form_data())
    assert actions.do_register_form(actor=world.township_officer, data=form_data()).region_code == "610921100"


def test_a_community_reports_an_unregistered_form_into_supervision(world, lists):
    case = actions.do_report_unregistered(actor=world.community_worker, title="辖区养犬情况统计表",
                                          department=world.wjj, description="微信群里要求明天报")  # fmt: skip
    assert case.source == "worker_report" and case.department == world.wjj and "未报备" in case.title
    assert Case.objects.count() == 1
    actions.do_register_form(actor=world.dept_officer, data=form_data())
    with pytest.raises(ActionError, match="已报备"):
        actions.do_report_unregistered(actor=world.community_worker, title="社区人口基本情况统计表", department=None)
    with pytest.raises(NotAllowed):
        actions.do_report_unregistered(actor=world.dept_officer, title="x", department=None)


def test_the_registry_is_read_by_the_whole_county_and_by_nobody_elsewhere(world, lists, client_for):
    form = actions.do_register_form(actor=world.dept_officer, data=form_data())
    pending = actions.do_register_form(
        actor=world.dept_officer2, data=form_data(title="待准入的表", list_item_code="", **FUNDS)
    )
    page = client_for("community_worker").get("/forms/").content.decode()
    assert form.title in page
    assert client_for("community_worker").get(f"/forms/{pending.pk}/").status_code == 404
    assert client_for("dept_officer2").get(f"/forms/{pending.pk}/").status_code == 200
    assert client_for("county_mzj").get(f"/forms/{pending.pk}/").status_code == 200
    other = client_for("other_county_officer")
    assert form.title not in other.get("/forms/").content.decode()
    assert other.get(f"/forms/{form.pk}/").status_code == 404


def test_the_register_page_saves_pasted_rows_and_shows_errors_on_the_form(world, lists, client_for):
    client = client_for("dept_officer")
    data = {"title": "健康档案统计表", "year": YEAR, "frequency_count": 1, "frequency_unit": "year",
            "due_dates": f"{YEAR}-11-30", "basis": "《基本公共卫生服务规范》", "basis_level": "national",
            "list_item_code": "F-01",
            "fields": "户数\t整数\t户\n建档人数 | 整数 | 人 | 已建立电子健康档案"}  # fmt: skip
    response = client.post("/forms/new/", data)
    assert response.status_code == 302
    form = FormDef.objects.get(title="健康档案统计表")
    assert list(form.fields.values_list("name", flat=True)) == ["户数", "建档人数"]
    bad = client.post("/forms/new/", {**data, "fields": "人数\t货币"})
    assert bad.status_code == 200 and "未知的类型“货币”" in bad.content.decode()
    assert FormDef.objects.count() == 1
