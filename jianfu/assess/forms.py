"""Forms of the assessment pages (labels in Chinese through gettext_lazy)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from .choices import (
    LEVEL_CHOICES,
    MAX_CODES_PER_BATCH,
    SURVEY_QUESTIONS,
    IndicatorKind,
    Method,
    Satisfaction,
    WorkerRate,
)


class SchemeForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=gettext_lazy("名称（可不填）"), max_length=200, required=False)
    satisfaction_floor = forms.IntegerField(
        label=gettext_lazy("居民满意度最低权重（%）"), min_value=50, max_value=100, initial=50
    )


class IndicatorForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("指标类型"), choices=IndicatorKind.choices)
    item_code = forms.ChoiceField(label=gettext_lazy("清单事项"), required=False)
    key = forms.ChoiceField(
        label=gettext_lazy("满意度指标"),
        required=False,
        choices=[
            ("", "—"),
            (gettext_lazy("社区"), Satisfaction.choices),
            (gettext_lazy("社区工作者"), WorkerRate.choices),
        ],
    )
    weight = forms.IntegerField(label=gettext_lazy("权重（%）"), min_value=1, max_value=100)
    method = forms.ChoiceField(
        label=gettext_lazy("评分方式（清单事项）"), choices=Method.choices, required=False, initial=Method.MANUAL
    )

    def __init__(self, *args: Any, items: list[tuple[str, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        field = self.fields["item_code"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *items]


class ScoreForm(forms.Form):
    community_code = forms.ChoiceField(label=gettext_lazy("社区"))
    indicator_id = forms.ChoiceField(label=gettext_lazy("指标"))
    value = forms.CharField(label=gettext_lazy("得分（0–100）"), max_length=10)
    note = forms.CharField(label=gettext_lazy("说明或依据"), max_length=300, required=False)

    def __init__(
        self,
        *args: Any,
        communities: list[tuple[str, str]] | None = None,
        indicators: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, choices in (("community_code", communities or []), ("indicator_id", indicators or [])):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("得分表（.xlsx）"))


class RatingForm(forms.Form):
    target_code = forms.ChoiceField(label=gettext_lazy("评价对象"))
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=2000, max_value=2100)
    score = forms.TypedChoiceField(
        label=gettext_lazy("评分"), coerce=int, choices=[(i, f"{i}") for i in range(5, 0, -1)]
    )
    funding_on_time = forms.BooleanField(label=gettext_lazy("经费按时到位（费随事转）"), required=False, initial=True)
    unlisted_work = forms.BooleanField(label=gettext_lazy("有清单外派活或超限开会、检查"), required=False)
    comment = forms.CharField(
        label=gettext_lazy("意见"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, targets: list[tuple[str, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        field = self.fields["target_code"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = targets


class IssueForm(forms.Form):
    community_code = forms.ChoiceField(label=gettext_lazy("社区"))
    count = forms.IntegerField(label=gettext_lazy("份数"), min_value=1, max_value=MAX_CODES_PER_BATCH, initial=50)

    def __init__(self, *args: Any, communities: list[tuple[str, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        field = self.fields["community_code"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = communities


class SurveyForm(forms.Form):
    """The resident's phone form: the code and one three-level answer per question."""

    code = forms.CharField(label=gettext_lazy("问卷码"), max_length=20)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in SURVEY_QUESTIONS.items():
            self.fields[key] = forms.TypedChoiceField(
                label=label, choices=LEVEL_CHOICES, coerce=int, widget=forms.RadioSelect
            )

    def answers(self) -> dict[str, Any]:
        return {key: self.cleaned_data[key] for key in SURVEY_QUESTIONS}


class DeadlineForm(forms.Form):
    deadline = forms.DateField(label=gettext_lazy("异议截止日期"), widget=forms.DateInput(attrs={"type": "date"}))


class ObjectionForm(forms.Form):
    indicator_id = forms.ChoiceField(label=gettext_lazy("对哪项得分有异议"))
    reason = forms.CharField(label=gettext_lazy("异议理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, indicators: list[tuple[str, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        field = self.fields["indicator_id"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = indicators


class DecideForm(forms.Form):
    uphold = forms.TypedChoiceField(
        label=gettext_lazy("决定"),
        coerce=lambda v: v == "1",
        choices=[("1", gettext_lazy("异议成立，改分")), ("0", gettext_lazy("异议不成立"))],
    )
    value = forms.CharField(label=gettext_lazy("改为（0–100，成立时填）"), max_length=10, required=False)
    decision = forms.CharField(label=gettext_lazy("理由"), max_length=500, required=False)


class VisitForm(forms.Form):
    household = forms.CharField(
        label=gettext_lazy("住户（门牌或代称，勿填身份证号、电话）"),
        max_length=60,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("如：3栋2单元401")}),
    )
    visited_on = forms.DateField(label=gettext_lazy("走访日期"), widget=forms.DateInput(attrs={"type": "date"}))
    met = forms.BooleanField(label=gettext_lazy("见到住户"), required=False, initial=True)
    topic = forms.CharField(label=gettext_lazy("交流事项"), max_length=200, required=False)
    has_problem = forms.BooleanField(label=gettext_lazy("住户反映了问题"), required=False)
    resolved = forms.BooleanField(label=gettext_lazy("问题已解决"), required=False)


class AppointForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("第三方评估人（用户名）"), max_length=150)
