"""Forms of the list pages. They only collect raw values; ``validation.clean_item`` (through the
actions) is the one place that decides what an item may hold."""

from __future__ import annotations

from typing import Any

from django import forms

from jianfu.orgs.models import Org
from jianfu.orgs.tree import departments_of

from .choices import AppliesTo, Category, CertKind, CommunityRole, FrequencyUnit
from .models import ListItem


def _blank(choices: list[tuple[str, str]], label: str = "——") -> list[tuple[str, str]]:
    return [("", label), *choices]


class ItemForm(forms.Form):
    code = forms.CharField(label="编号", max_length=32, help_text="如 A-01；跨版本以编号对应同一事项。")
    title = forms.CharField(label="事项名称", max_length=200)
    category = forms.ChoiceField(label="类别", choices=_blank(Category.choices))
    cert_kind = forms.ChoiceField(label="证明类型（仅证明事项）", choices=_blank(CertKind.choices), required=False)
    basis = forms.CharField(
        label="制度依据", widget=forms.Textarea(attrs={"rows": 2}), required=False, help_text="负面清单以外必填。"
    )
    department = forms.ChoiceField(label="责任部门", required=False, help_text="协助事项必填。")
    scope = forms.CharField(label="职责范围", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    process = forms.CharField(label="运行流程", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    community_roles = forms.MultipleChoiceField(
        label="社区职责（协助事项）",
        choices=CommunityRole.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    funding_amount = forms.CharField(
        label="经费（元/年）", required=False, help_text="协助事项须落实经费（费随事转）。"
    )
    funding_source = forms.CharField(label="经费来源", max_length=200, required=False)
    frequency_count = forms.CharField(label="频次", required=False, initial="1")
    frequency_unit = forms.ChoiceField(label="频次单位", choices=FrequencyUnit.choices, initial=FrequencyUnit.YEAR)
    minutes_per_occurrence = forms.CharField(label="每次用时（分钟）", required=False, initial="0")
    applies_to = forms.ChoiceField(label="适用范围", choices=AppliesTo.choices, initial=AppliesTo.BOTH)
    review_date = forms.CharField(
        label="复核日期", required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text="如 2027-12-31"
    )

    def __init__(self, *args: Any, owner: Org, **kwargs: Any):
        super().__init__(*args, **kwargs)
        depts = departments_of(owner)
        department_field = self.fields["department"]
        assert isinstance(department_field, forms.ChoiceField)
        department_field.choices = _blank([(d.code, d.name) for d in depts], "（无）")

    @staticmethod
    def initial_for(item: ListItem) -> dict[str, Any]:
        return {
            "code": item.code,
            "title": item.title,
            "category": item.category,
            "cert_kind": item.cert_kind,
            "basis": item.basis,
            "department": item.department.code if item.department is not None else "",
            "scope": item.scope,
            "process": item.process,
            "community_roles": item.community_roles,
            "funding_amount": "" if item.funding_amount is None else format(item.funding_amount.normalize(), "f"),
            "funding_source": item.funding_source,
            "frequency_count": format(item.frequency_count.normalize(), "f"),
            "frequency_unit": item.frequency_unit,
            "minutes_per_occurrence": item.minutes_per_occurrence,
            "applies_to": item.applies_to,
            "review_date": item.review_date.isoformat() if item.review_date else "",
        }


class PublishForm(forms.Form):
    title = forms.CharField(label="清单标题", max_length=200)
    effective_date = forms.DateField(
        label="生效日期",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "日期格式应为 2026-01-31。", "required": "请填写生效日期。"},
    )
    note = forms.CharField(
        label="发布说明",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text="如：依据县委办〔2026〕12 号文件调整，取消 8 项、合并 3 项。",
    )
    full_review = forms.BooleanField(label="本版为全面复核的结果（每 2–3 年一次）", required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label="Excel 文件（.xlsx）", help_text="请使用下载的模板填写；导入将替换草稿中的全部事项。")
