"""Forms of the events pages (parsing only; the actions validate)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from .choices import Satisfaction, Urgency


class MultiFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiFileField(forms.FileField):
    widget = MultiFileInput

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, (list, tuple)):
            return [super(MultiFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def _photos(label: Any) -> MultiFileField:
    return MultiFileField(
        label=label,
        required=False,
        widget=MultiFileInput(attrs={"accept": "image/*", "capture": "environment"}),
        help_text=gettext_lazy("最多 3 张，可直接拍照。"),
    )


class ReportForm(forms.Form):
    category = forms.ChoiceField(label=gettext_lazy("事件分类"))
    urgency = forms.ChoiceField(
        label=gettext_lazy("紧急程度"), choices=[("", gettext_lazy("按分类默认")), *Urgency.choices], required=False
    )
    grid = forms.ChoiceField(label=gettext_lazy("网格"), required=False)
    place = forms.CharField(label=gettext_lazy("地点（楼栋、门牌或路段）"), required=False, max_length=200)
    description = forms.CharField(
        label=gettext_lazy("情况描述"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    photos = _photos(gettext_lazy("现场照片"))
    micro = forms.BooleanField(label=gettext_lazy("微事件：已现场办结"), required=False)
    note = forms.CharField(
        label=gettext_lazy("现场处置情况（微事件必填）"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirm_new = forms.BooleanField(label=gettext_lazy("确属新问题，不与已有事件合并"), required=False)

    def __init__(
        self, *args: Any, categories: list[tuple[str, str]], grids: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", gettext_lazy("请选择")), *categories]  # type: ignore[attr-defined]
        self.fields["grid"].choices = [("", gettext_lazy("不选（填写地点）")), *grids]  # type: ignore[attr-defined]


class ResidentForm(forms.Form):
    community = forms.ChoiceField(label=gettext_lazy("所在社区（村）"))
    category = forms.ChoiceField(label=gettext_lazy("问题类型"))
    place = forms.CharField(label=gettext_lazy("发生地点"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("问题描述"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    photos = _photos(gettext_lazy("照片（可选）"))
    contact_name = forms.CharField(label=gettext_lazy("您的称呼（可选）"), required=False, max_length=50)
    contact_phone = forms.CharField(
        label=gettext_lazy("联系电话（可选，仅社区回访时使用）"), required=False, max_length=30
    )

    def __init__(
        self, *args: Any, communities: list[tuple[str, str]], categories: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = [("", gettext_lazy("请选择")), *communities]  # type: ignore[attr-defined]
        self.fields["category"].choices = [("", gettext_lazy("请选择")), *categories]  # type: ignore[attr-defined]


class TrackForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("查询码"), max_length=16)


class CategoryForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("编码"), max_length=20)
    name = forms.CharField(label=gettext_lazy("名称"), max_length=50)
    parent = forms.ChoiceField(label=gettext_lazy("上级分类"), required=False)
    urgency = forms.ChoiceField(label=gettext_lazy("默认紧急程度"), choices=Urgency.choices, initial=Urgency.NORMAL)
    keywords = forms.CharField(
        label=gettext_lazy("关键词（用于12345工单归类，空格分隔）"), required=False, max_length=300
    )
    department = forms.ChoiceField(label=gettext_lazy("主责部门"), required=False)

    def __init__(
        self, *args: Any, parents: list[tuple[str, str]], departments: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", gettext_lazy("（一级分类）")), *parents]  # type: ignore[attr-defined]
        self.fields["department"].choices = [("", gettext_lazy("（无）")), *departments]  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("12345工单导出表（.xlsx）"))


class VerifyForm(forms.Form):
    satisfaction = forms.ChoiceField(label=gettext_lazy("满意度"), choices=Satisfaction.choices, required=False)
