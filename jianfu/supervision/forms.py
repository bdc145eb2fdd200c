"""Forms of supervision pages: they parse input only; actions validate and decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from jianfu.orgs.models import Org


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*,.pdf,.doc,.docx"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if isinstance(data, list | tuple):
            return [f for f in data if f]
        return [data] if data else []


class DepartmentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Org) -> str:
        return obj.name


EVIDENCE_HELP = "可选，最多 5 个文件：图片（JPG/PNG）、PDF 或 Word，每个不超过 5 MB。"


class WorkerReportForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("问题概要"),
        max_length=200,
        help_text=gettext_lazy("一句话，如：某局要求社区出具无犯罪记录证明"),
    )
    department = DepartmentChoice(
        label=gettext_lazy("被反映的单位"), queryset=Org.objects.none(), empty_label=gettext_lazy("请选择")
    )
    description = forms.CharField(
        label=gettext_lazy("发生了什么"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=gettext_lazy("时间、方式（电话/文件/工作群）、要求社区做什么、占用多少时间。"),
    )
    rule_ref = forms.CharField(label=gettext_lazy("涉及的规定（可选）"), max_length=300, required=False)
    # The stubs read this as overriding BaseForm.files; the form metaclass moves it into base_fields.
    files = MultipleFileField(label=gettext_lazy("证据材料"), help_text=EVIDENCE_HELP)  # type: ignore[assignment]

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        department = self.fields["department"]
        assert isinstance(department, DepartmentChoice)
        department.queryset = departments


class PublicReportForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("问题概要"), max_length=200)
    department = DepartmentChoice(
        label=gettext_lazy("涉及的单位（可选）"),
        queryset=Org.objects.none(),
        required=False,
        empty_label=gettext_lazy("不清楚/不选择"),
    )
    description = forms.CharField(
        label=gettext_lazy("具体情况"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000
    )
    reporter_name = forms.CharField(label=gettext_lazy("您的姓名（可选）"), max_length=50, required=False)
    reporter_contact = forms.CharField(
        label=gettext_lazy("联系方式（可选）"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("仅县民政局、组织部可见，不会告知被反映单位。"),
    )
    # The stubs read this as overriding BaseForm.files; the form metaclass moves it into base_fields.
    files = MultipleFileField(label=gettext_lazy("证据材料"), help_text=EVIDENCE_HELP)  # type: ignore[assignment]

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        department = self.fields["department"]
        assert isinstance(department, DepartmentChoice)
        department.queryset = departments


class CaseFactsForm(forms.Form):
    department = DepartmentChoice(
        label=gettext_lazy("责任单位"), queryset=Org.objects.none(), required=False, empty_label=gettext_lazy("未确定")
    )
    rule_ref = forms.CharField(label=gettext_lazy("违反的规定"), max_length=300, required=False)

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        department = self.fields["department"]
        assert isinstance(department, DepartmentChoice)
        department.queryset = departments


class OrderForm(forms.Form):
    facts = forms.CharField(label=gettext_lazy("问题事实"), widget=forms.Textarea(attrs={"rows": 5}))
    rule = forms.CharField(
        label=gettext_lazy("违反的规定"), max_length=300, help_text=gettext_lazy("清单事项编号与名称，或限额规定")
    )
    rectification = forms.CharField(label=gettext_lazy("整改要求"), widget=forms.Textarea(attrs={"rows": 4}))
    deadline = forms.DateField(
        label=gettext_lazy("整改期限"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )


class ReplyForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("整改情况"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)
    # The stubs read this as overriding BaseForm.files; the form metaclass moves it into base_fields.
    files = MultipleFileField(label=gettext_lazy("整改佐证材料"), help_text=EVIDENCE_HELP)  # type: ignore[assignment]


class RecheckForm(forms.Form):
    due_date = forms.DateField(
        label=gettext_lazy("回头看日期"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    note = forms.CharField(label=gettext_lazy("回头看要点"), max_length=300, required=False)


class NoticeForm(forms.Form):
    period_start = forms.DateField(
        label=gettext_lazy("起始日期"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=gettext_lazy("截止日期"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    title = forms.CharField(label=gettext_lazy("标题（可选，默认按期间生成）"), max_length=200, required=False)
    good_examples = forms.CharField(
        label=gettext_lazy("典型经验（可选）"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )


class TrackForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("查询码"), max_length=32)
