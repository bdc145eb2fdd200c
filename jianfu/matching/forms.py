"""The lexicon page's form (parsing only; the action validates)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from .models import GroupKind


class GroupForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("类别"), choices=GroupKind.choices, initial=GroupKind.WORK, required=False,
        help_text=gettext_lazy("工作事项：派发审查、准入预审和文件审核比对用；表格指标：表格报备查找重复指标用。"),
    )  # fmt: skip
    term = forms.CharField(label=gettext_lazy("标准词"), max_length=32)
    aliases = forms.CharField(
        label=gettext_lazy("同义词/别称（顿号、逗号或空格分隔）"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
    note = forms.CharField(label=gettext_lazy("说明/出处"), max_length=200, required=False)
