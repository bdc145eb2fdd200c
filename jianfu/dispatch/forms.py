"""Forms of dispatch pages (parsing only)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from jianfu.core.forms import PickerWidget


class SendForm(forms.Form):
    targets = forms.MultipleChoiceField(
        label=gettext_lazy("接收社区（可多选；选乡镇即发往该乡镇全部社区和村）"),
        widget=PickerWidget(),
    )
    title = forms.CharField(label=gettext_lazy("任务名称"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("任务内容"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    list_item_code = forms.ChoiceField(label=gettext_lazy("清单依据"), required=False)
    application_id = forms.ChoiceField(label=gettext_lazy("或：已批准的准入申请"), required=False)
    deadline = forms.DateField(
        label=gettext_lazy("完成期限"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    expected_minutes = forms.IntegerField(
        label=gettext_lazy("预计用时（分钟/社区）"), min_value=0, max_value=10000, initial=60
    )
    confirm_unlisted = forms.BooleanField(
        label=gettext_lazy("我已知悉：该任务无清单依据，社区可直接拒收并转入监督"), required=False
    )

    def __init__(
        self,
        *args: Any,
        targets: list[tuple[str, str]],
        items: list[tuple[str, str]],
        applications: list[tuple[str, str]],
        group_of: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        targets_field = self.fields["targets"]
        item_field = self.fields["list_item_code"]
        application_field = self.fields["application_id"]
        assert isinstance(targets_field, forms.MultipleChoiceField)
        assert isinstance(item_field, forms.ChoiceField)
        assert isinstance(application_field, forms.ChoiceField)
        targets_field.choices = targets
        assert isinstance(targets_field.widget, PickerWidget)
        targets_field.widget.group_of = group_of or {}
        item_field.choices = [("", "（无）"), *items]
        application_field.choices = [("", "（无）"), *applications]


class CompleteForm(forms.Form):
    minutes = forms.IntegerField(label=gettext_lazy("实际用时（分钟）"), min_value=1, max_value=10000)
