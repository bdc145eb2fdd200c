"""Forms of the draft review pages (parsing only; the actions validate)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jianfu.admission.choices import Affairs

from .choices import Decision

DATE = forms.DateInput(attrs={"type": "date"})
BODY_HELP = _("上传 Word（.docx）、带文字层的PDF或 .txt 文件，或直接粘贴正文，二者选其一。")


class SubmitForm(forms.Form):
    title = forms.CharField(label=_("文件标题"), max_length=200)
    affairs = forms.ChoiceField(label=_("事务类型"), choices=Affairs.choices, initial=Affairs.GOVERNMENT)
    issue_date = forms.DateField(label=_("拟印发日期"), widget=DATE)
    file = forms.FileField(label=_("文稿文件"), required=False, help_text=BODY_HELP)
    text = forms.CharField(label=_("或粘贴正文"), required=False, widget=forms.Textarea(attrs={"rows": 12}))


class ResubmitForm(forms.Form):
    title = forms.CharField(label=_("文件标题"), max_length=200, required=False)
    file = forms.FileField(label=_("修改后的文稿文件"), required=False, help_text=BODY_HELP)
    text = forms.CharField(label=_("或粘贴修改后的正文"), required=False, widget=forms.Textarea(attrs={"rows": 12}))


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("审核结论"), choices=Decision.choices, widget=forms.RadioSelect)
    opinion = forms.CharField(label=_("审核意见"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    conditions = forms.CharField(
        label=_("通过条件（附条件通过时必填）"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    dismissed = forms.MultipleChoiceField(
        label=_("认定不构成社区负担的条款（误报）"), required=False, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label=_("认定说明"), required=False, max_length=300)

    def __init__(self, *args: Any, clauses: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["dismissed"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = clauses


class IssueForm(forms.Form):
    issued_on = forms.DateField(label=_("印发日期"), required=False, widget=DATE)
    doc_number = forms.CharField(label=_("发文字号"), required=False, max_length=60)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class FoundForm(forms.Form):
    """民政局/组织部 register a document issued without review."""

    org = forms.ChoiceField(label=_("发文单位"))
    title = forms.CharField(label=_("文件标题"), max_length=200)
    doc_number = forms.CharField(label=_("发文字号"), required=False, max_length=60)
    affairs = forms.ChoiceField(label=_("事务类型"), choices=Affairs.choices, initial=Affairs.GOVERNMENT)
    issued_on = forms.DateField(label=_("印发日期"), widget=DATE)
    reason = forms.CharField(label=_("发现经过"), widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label=_("文件"), required=False, help_text=BODY_HELP)
    text = forms.CharField(label=_("或粘贴正文"), required=False, widget=forms.Textarea(attrs={"rows": 10}))

    def __init__(self, *args: Any, orgs: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["org"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *orgs]
