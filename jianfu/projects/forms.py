"""Forms of the project pages (parsing only; the actions validate)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import RoundKind, VoteMode


class MultiFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiFileField(forms.FileField):
    widget = MultiFileInput

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, (list, tuple)):
            return [super(MultiFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class ProposalForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("项目名称"), max_length=100)
    description = forms.CharField(
        label=gettext_lazy("项目内容"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text=gettext_lazy("想办什么事、在哪里、惠及哪些居民。"),
    )
    estimated_cost = forms.CharField(label=gettext_lazy("估算金额（元）"), max_length=20)
    contact = forms.CharField(
        label=gettext_lazy("联系方式（选填）"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("只供社区联系您，不会公开。"),
    )


class RoundForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("投票类型"), choices=RoundKind.choices)
    mode = forms.ChoiceField(label=gettext_lazy("投票方式"), choices=VoteMode.choices)
    title = forms.CharField(label=gettext_lazy("投票名称"), max_length=100)
    budget = forms.CharField(
        label=gettext_lazy("本轮预算（元）"),
        required=False,
        help_text=gettext_lazy("限额投票时填写：每户所选项目的估算金额合计不能超过它。"),
    )
    projects = forms.MultipleChoiceField(label=gettext_lazy("参与投票的项目"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, projects: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["projects"].choices = projects  # type: ignore[attr-defined]


class CodesForm(forms.Form):
    count = forms.IntegerField(label=gettext_lazy("生成数量（户）"), min_value=1, max_value=50000)
    format = forms.ChoiceField(
        label=gettext_lazy("格式"), choices=[("xlsx", "Excel"), ("pdf", gettext_lazy("打印用 PDF"))], required=False
    )


class MilestoneForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("进度节点"), max_length=100)
    happened_on = forms.CharField(label=gettext_lazy("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=gettext_lazy("说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    photos = MultiFileField(
        label=gettext_lazy("现场照片"),
        required=False,
        widget=MultiFileInput(attrs={"accept": "image/*", "capture": "environment"}),
        help_text=gettext_lazy("至少 1 张，最多 5 张。"),
    )


class SpendingForm(forms.Form):
    amount = forms.CharField(label=gettext_lazy("支出金额（元）"), max_length=20)
    note = forms.CharField(label=gettext_lazy("用途"), max_length=200)
    spent_on = forms.CharField(label=gettext_lazy("日期"), widget=forms.DateInput(attrs={"type": "date"}))


class EnvelopeForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=2000, max_value=2100)
    amount = forms.CharField(label=gettext_lazy("年度额度（元）"), max_length=20)
    funding_source = forms.CharField(label=gettext_lazy("资金来源"), max_length=200, required=False)


class VoteForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("投票码"), max_length=40, help_text=gettext_lazy("社区发放的一户一码。"))
    picks = forms.MultipleChoiceField(
        label=gettext_lazy("我支持的项目"), widget=forms.CheckboxSelectMultiple, required=False
    )
    accept = forms.ChoiceField(
        label=gettext_lazy("是否同意验收"),
        choices=[("yes", gettext_lazy("同意")), ("no", gettext_lazy("不同意"))],
        widget=forms.RadioSelect,
        required=False,
    )
    satisfaction = forms.ChoiceField(
        label=gettext_lazy("满意度"),
        choices=[(str(i), str(i)) for i in range(5, 0, -1)],
        widget=forms.RadioSelect,
        required=False,
        help_text=gettext_lazy("5 分最满意。"),
    )

    def __init__(self, *args: Any, vote_round: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if vote_round.kind == RoundKind.SELECT:
            del self.fields["accept"], self.fields["satisfaction"]
            self.fields["picks"].choices = [  # type: ignore[attr-defined]
                (str(p.pk), _("{title}（约 {cost:,.0f} 元）").format(title=p.title, cost=p.estimated_cost))
                for p in vote_round.projects.order_by("id")
            ]
        else:
            del self.fields["picks"]
