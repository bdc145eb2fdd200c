"""Forms of admission pages (parsing only; the rules are in validation.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from jianfu.catalog.workload import WORKLOAD_FIELDS, WorkloadForm

from .choices import APPLY_CATEGORIES, Affairs, AppKind, TargetScope

DATE = forms.DateInput(attrs={"type": "date"})


class ApplicationForm(WorkloadForm):
    """The application page; its workload fields (roles, funding, frequency…) are the list item's."""

    kind = forms.ChoiceField(label=gettext_lazy("申请类型"), choices=AppKind.choices, initial=AppKind.ADHOC)
    affairs = forms.ChoiceField(label=gettext_lazy("事务类别"), choices=Affairs.choices, initial=Affairs.GOVERNMENT)
    title = forms.CharField(label=gettext_lazy("事项名称"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("事项内容（需要社区做什么）"), widget=forms.Textarea(attrs={"rows": 4})
    )
    basis = forms.CharField(
        label=gettext_lazy("法律政策依据（必填）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("写明法律、法规或政策文件名称及条款。"),
    )
    category = forms.ChoiceField(label=gettext_lazy("清单类别"), choices=APPLY_CATEGORIES)
    target_scope = forms.ChoiceField(label=gettext_lazy("涉及社区"), choices=TargetScope.choices)
    target_townships = forms.MultipleChoiceField(
        label=gettext_lazy("指定乡镇（街道）"), required=False, widget=forms.CheckboxSelectMultiple
    )
    start_date = forms.CharField(label=gettext_lazy("开始日期"), widget=DATE)
    end_date = forms.CharField(label=gettext_lazy("结束日期"), widget=DATE)
    attachment = forms.FileField(
        label=gettext_lazy("附件（PDF 或 Word，10 MB 以内）"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.doc,.docx"}),
    )

    field_order = [
        "kind", "affairs", "title", "description", "basis", "category", "cert_kind", *WORKLOAD_FIELDS,
        "target_scope", "target_townships", "start_date", "end_date", "attachment",
    ]  # fmt: skip

    def __init__(self, *args: Any, townships: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["minutes_per_occurrence"].initial = "60"
        self.fields["community_roles"].label = "社区承担的职责（协助事项必填）"
        self.fields["funding_amount"].help_text = "费随事转：部门申请社区承担的工作须写明经费和来源。"
        townships_field = self.fields["target_townships"]
        assert isinstance(townships_field, forms.MultipleChoiceField)
        townships_field.choices = townships or []

    def data_for_action(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("attachment", None)
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AttachmentForm(forms.Form):
    attachment = forms.FileField(
        label=gettext_lazy("上传附件（PDF 或 Word，10 MB 以内）"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.doc,.docx"}),
    )
