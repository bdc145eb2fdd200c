"""Forms of the campaign pages: they parse input only; the actions validate and decide."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy

from .choices import DEFAULT_STAGES, InspectionMethod, ItemStatus
from .tasksets import TASKSETS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*,.pdf,.doc,.docx,.xlsx"}))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", gettext_lazy("最多 5 个文件：图片、PDF、Word 或 Excel，每个不超过 10 MB。"))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if isinstance(data, list | tuple):
            return [f for f in data if f]
        return [data] if data else []


class CampaignForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("名称"), max_length=200)
    basis = forms.CharField(label=gettext_lazy("依据文件"), max_length=300)
    description = forms.CharField(label=gettext_lazy("工作要求"), required=False, widget=TEXT)
    tasksets = forms.MultipleChoiceField(
        label=gettext_lazy("任务模板"),
        choices=[(t.key, t.title) for t in TASKSETS],
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("为每个乡镇（街道）生成工作台账任务。"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        start = dt.date.today()
        for n, name in enumerate(DEFAULT_STAGES, start=1):
            self.fields[f"stage{n}_name"] = forms.CharField(
                label=gettext_lazy("第{n}阶段").format(n=n), max_length=50, required=n == 1, initial=name
            )
            self.fields[f"stage{n}_start"] = forms.DateField(
                label=gettext_lazy("开始日期"), required=n == 1, widget=DATE, initial=start
            )
            end = start + dt.timedelta(days=29)
            self.fields[f"stage{n}_end"] = forms.DateField(
                label=gettext_lazy("结束日期"), required=n == 1, widget=DATE, initial=end
            )
            start = end + dt.timedelta(days=1)

    def stages(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        out = []
        for n in range(1, len(DEFAULT_STAGES) + 1):
            name, start, end = data.get(f"stage{n}_name"), data.get(f"stage{n}_start"), data.get(f"stage{n}_end")
            if name or start or end:
                out.append({"name": name, "start": start, "end": end})
        return out


class ItemForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("状态"), choices=ItemStatus.choices)
    owner = forms.CharField(label=gettext_lazy("责任人"), max_length=50, required=False)
    note = forms.CharField(label=gettext_lazy("进展情况"), required=False, widget=TEXT)
    evidence = MultipleFileField(label=gettext_lazy("佐证材料"))


class AddItemForm(forms.Form):
    township = forms.ChoiceField(label=gettext_lazy("乡镇（街道）"))
    stage = forms.ChoiceField(label=gettext_lazy("阶段"))
    title = forms.CharField(label=gettext_lazy("任务"), max_length=200)
    deadline = forms.DateField(label=gettext_lazy("完成时限"), widget=DATE)
    owner = forms.CharField(label=gettext_lazy("责任人"), max_length=50, required=False)

    def __init__(self, *args: Any, townships: list[tuple[str, str]], stages: list[tuple[str, str]], **kw: Any):
        super().__init__(*args, **kw)
        cast(forms.ChoiceField, self.fields["township"]).choices = townships
        cast(forms.ChoiceField, self.fields["stage"]).choices = stages


class ReportForm(forms.Form):
    month = forms.CharField(
        label=gettext_lazy("月份"),
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-05"}),
    )
    text = forms.CharField(label=gettext_lazy("本月进展情况"), widget=forms.Textarea(attrs={"rows": 5}))


class InspectionForm(forms.Form):
    target = forms.ChoiceField(label=gettext_lazy("检查对象"))
    date = forms.DateField(label=gettext_lazy("检查日期"), widget=DATE)
    group = forms.CharField(
        label=gettext_lazy("检查组"), max_length=100, initial=gettext_lazy("县委组织部、县民政局联合检查组")
    )
    method = forms.ChoiceField(label=gettext_lazy("方式"), choices=InspectionMethod.choices)
    summary = forms.CharField(label=gettext_lazy("检查情况"), required=False, widget=TEXT)
    findings = forms.CharField(
        label=gettext_lazy("发现问题"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("每行一个问题，每个问题生成一项整改事项。"),
    )
    deadline = forms.DateField(label=gettext_lazy("整改时限"), widget=DATE, required=False)

    def __init__(self, *args: Any, targets: list[tuple[str, str]], **kw: Any):
        super().__init__(*args, **kw)
        cast(forms.ChoiceField, self.fields["target"]).choices = targets


class RectifyForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("整改情况"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence = MultipleFileField(label=gettext_lazy("整改佐证材料"))


class ReturnForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("退回理由"), max_length=500, widget=TEXT)
