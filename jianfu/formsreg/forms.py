"""Forms of the registry pages (parsing only; the rules are in validation.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _l

from jianfu.catalog.choices import FrequencyUnit

from .choices import BasisLevel

FIELDS_HELP = _l("每行一个指标：名称 | 类型 | 单位 | 口径 | 粒度（可直接从 Excel 粘贴）。"
                 "类型：整数、数值、文本、日期、选项、是/否；"
                 "粒度：社区汇总、按户、按人。")  # fmt: skip


class RegisterForm(forms.Form):
    title = forms.CharField(label=_l("表格名称"), max_length=200)
    purpose = forms.CharField(label=_l("用途说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    year = forms.IntegerField(label=_l("年度"))
    frequency_count = forms.IntegerField(label=_l("频次"), min_value=1, max_value=52, initial=1)
    frequency_unit = forms.ChoiceField(label=_l("频次单位"), choices=FrequencyUnit.choices)
    due_dates = forms.CharField(label=_l("报送日期（如 2026-03-31，多个用逗号分隔）"), required=False)
    basis = forms.CharField(label=_l("法律政策依据"), widget=forms.Textarea(attrs={"rows": 2}))
    basis_level = forms.ChoiceField(label=_l("依据层级"), choices=[("", "—"), *BasisLevel.choices])
    list_item_code = forms.ChoiceField(label=_l("清单依据（无清单依据的表格须申请准入）"), required=False)
    application_id = forms.ChoiceField(label=_l("或：已有的准入申请"), required=False)
    funding_amount = forms.DecimalField(
        label=_l("经费（元/年，无清单依据时必填：费随事转）"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )
    funding_source = forms.CharField(label=_l("经费来源"), required=False, max_length=200)
    personal_basis = forms.CharField(
        label=_l("收集居民个人信息的依据（仅按户/按人填报的指标需要）"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    # A form field named "fields": the metaclass moves it into base_fields, so self.fields stays the dict.
    fields = forms.CharField(label=_l("指标"), help_text=FIELDS_HELP, widget=forms.Textarea(attrs={"rows": 10}))  # type: ignore[assignment]

    def __init__(self, *args: Any, items: list[tuple[str, str]], applications: list[tuple[str, str]], **kw: Any):
        super().__init__(*args, **kw)
        item_field, app_field = self.fields["list_item_code"], self.fields["application_id"]  # type: ignore[index]
        assert isinstance(item_field, forms.ChoiceField) and isinstance(app_field, forms.ChoiceField)
        item_field.choices = [("", _l("（无，须准入）")), *items]
        app_field.choices = [("", _l("（自动生成准入申请草稿）")), *applications]


class LayoutForm(forms.Form):
    layout = forms.FileField(label=_l("部门表样（.xlsx）"))


class DemandForm(forms.Form):
    township = forms.ChoiceField(label=_l("乡镇（街道）"))
    due_date = forms.DateField(label=_l("报送日期"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, townships: list[tuple[str, str]], **kw: Any):
        super().__init__(*args, **kw)
        field = self.fields["township"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = townships


class ReportForm(forms.Form):
    title = forms.CharField(label=_l("收到的表格名称"), max_length=150)
    department = forms.ChoiceField(label=_l("要求填报的单位"), required=False)
    description = forms.CharField(label=_l("情况说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, departments: list[tuple[str, str]], **kw: Any):
        super().__init__(*args, **kw)
        field = self.fields["department"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _l("（不清楚）")), *departments]
