"""The lexicon page's form (parsing only; the action validates)."""

from __future__ import annotations

from django import forms


class GroupForm(forms.Form):
    term = forms.CharField(label="标准词", max_length=32)
    aliases = forms.CharField(
        label="同义词/别称（顿号、逗号或空格分隔）", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    note = forms.CharField(label="说明/出处", max_length=200, required=False)
