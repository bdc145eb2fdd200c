"""Forms of the certificate pages (parsing only; the actions decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import CommitmentState, RefusalRule, SealKind

DATE = forms.DateInput(attrs={"type": "date"})


def _blank(choices: list[tuple[str, str]], label: str = "——") -> list[tuple[str, str]]:
    return [("", label), *choices]


class _AgencyForm(forms.Form):
    def __init__(self, *args: Any, agencies: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "agency_org" in self.fields:
            field = self.fields["agency_org"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = _blank(agencies or [], str(_("（本县以外的单位，填写下方名称）")))


class IssueForm(_AgencyForm):
    item_code = forms.ChoiceField(label=_("证明事项"))
    resident_name = forms.CharField(label=_("居民姓名"), max_length=30)
    id_number = forms.CharField(
        label=_("身份证号码"), max_length=24, widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"})
    )
    purpose = forms.CharField(label=_("用途"), max_length=200)
    agency_org = forms.ChoiceField(label=_("要求出具的单位（本县部门）"), required=False)
    agency = forms.CharField(label=_("要求出具的单位名称"), max_length=100, required=False)
    seal = forms.ChoiceField(label=_("所用印章"), choices=SealKind.choices, initial=SealKind.COMMITTEE)
    issued_on = forms.CharField(label=_("出具日期"), required=False, widget=DATE)

    def __init__(self, *args: Any, items: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["item_code"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _blank(items or [])


class RefusalForm(_AgencyForm):
    request = forms.CharField(label=_("要求开具的证明"), max_length=200)
    rule = forms.ChoiceField(label=_("依据"), choices=RefusalRule.choices, required=False)
    item_code = forms.CharField(required=False, widget=forms.HiddenInput)
    agency_org = forms.ChoiceField(label=_("要求开具的单位（本县部门）"), required=False)
    agency = forms.CharField(label=_("要求开具的单位名称"), max_length=100, required=False)


class SealForm(_AgencyForm):
    seal = forms.ChoiceField(label=_("印章"), choices=SealKind.choices, initial=SealKind.COMMITTEE)
    what = forms.CharField(label=_("用印事项"), max_length=200)
    for_whom = forms.CharField(label=_("用印对象"), max_length=100)
    scope_code = forms.ChoiceField(label=_("依据（印章使用范围）"), required=False)
    agency_org = forms.ChoiceField(label=_("要求用印的单位（本县部门）"), required=False)
    note = forms.CharField(label=_("说明"), max_length=300, required=False)
    used_on = forms.CharField(label=_("用印日期"), required=False, widget=DATE)

    def __init__(self, *args: Any, scope: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["scope_code"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _blank(scope or [], str(_("（不在使用范围内）")))


class TemplateForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(label=_("承诺内容"), widget=forms.Textarea(attrs={"rows": 10}), max_length=4000)
    verifier = forms.CharField(label=_("核查单位"), max_length=100, required=False)


class CommitmentForm(_AgencyForm):
    item_code = forms.ChoiceField(label=_("替代的证明"))
    resident_name = forms.CharField(label=_("居民姓名"), max_length=30)
    id_number = forms.CharField(
        label=_("身份证号码"), max_length=24, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    agency_org = forms.ChoiceField(label=_("负责核查的单位"))
    signed_on = forms.CharField(label=_("签署日期"), required=False, widget=DATE)

    def __init__(self, *args: Any, items: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["item_code"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _blank(items or [])


class VerifyForm(forms.Form):
    result = forms.ChoiceField(
        label=_("核查结果"), choices=[c for c in CommitmentState.choices if c[0] != CommitmentState.SIGNED]
    )
    note = forms.CharField(label=_("核查情况"), max_length=300, required=False)


class VerdictForm(forms.Form):
    q = forms.CharField(label=_("要开的证明"), max_length=200)


class DemandForm(_AgencyForm):
    q = forms.CharField(label=_("要求开具的证明"), max_length=200)
    agency_org = forms.ChoiceField(label=_("要求开具证明的单位"), required=False)
    agency = forms.CharField(label=_("或填写单位名称"), max_length=100, required=False)
