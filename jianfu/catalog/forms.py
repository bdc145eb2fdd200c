"""Forms of the list pages. They only collect raw values; ``validation.clean_item`` (through the
actions) is the one place that decides what an item may hold."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from jianfu.orgs.models import Org
from jianfu.orgs.tree import departments_of

from .choices import Body, Category, CommunityType, PlaqueKind, PlaquePosition, SourceLevel
from .models import ListItem
from .workload import WORKLOAD_FIELDS, WorkloadForm


def _blank(choices: list[tuple[str, Any]], label: str = "——") -> list[tuple[str, Any]]:
    return [("", label), *choices]


class ItemForm(WorkloadForm):
    code = forms.CharField(
        label=gettext_lazy("编号"), max_length=32, help_text=gettext_lazy("如 A-01；跨版本以编号对应同一事项。")
    )
    title = forms.CharField(label=gettext_lazy("事项名称"), max_length=200)
    category = forms.ChoiceField(label=gettext_lazy("类别"), choices=_blank(Category.choices))
    statutory = forms.BooleanField(
        label=gettext_lazy("法定事项（法律法规直接规定的履职或协助事项）"),
        required=False,
        help_text=gettext_lazy("法定事项无须注明责任部门和经费；制度依据须写明法律或法规名称及条款。"),
    )
    basis = forms.CharField(
        label=gettext_lazy("制度依据"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=gettext_lazy("负面清单以外必填。"),
    )
    department = forms.ChoiceField(
        label=gettext_lazy("责任部门"), required=False, help_text=gettext_lazy("协助事项必填（法定事项除外）。")
    )
    scope = forms.CharField(label=gettext_lazy("职责范围"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    process = forms.CharField(label=gettext_lazy("运行流程"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    conditions = forms.CharField(
        label=gettext_lazy("适用条件与例外"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=gettext_lazy("如：未经县委县政府统一部署，不得以社区名义开展。"),
    )
    bodies = forms.MultipleChoiceField(
        label=gettext_lazy("约束主体"), choices=Body.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    community_types = forms.MultipleChoiceField(
        label=gettext_lazy("社区类别"),
        choices=CommunityType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    plaque_kind = forms.ChoiceField(
        label=gettext_lazy("牌子类型（仅机制牌子）"), choices=_blank(PlaqueKind.choices), required=False
    )
    plaque_position = forms.ChoiceField(
        label=gettext_lazy("悬挂位置"), choices=_blank(PlaquePosition.choices), required=False
    )
    plaque_quota = forms.CharField(
        label=gettext_lazy("限挂数量"), required=False, help_text=gettext_lazy("如：门口限挂 2 块。")
    )
    review_date = forms.CharField(
        label=gettext_lazy("复核日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("如 2027-12-31"),
    )
    issuer = forms.CharField(
        label=gettext_lazy("发文机关"), max_length=200, required=False, help_text=gettext_lazy("多个机关用顿号分隔。")
    )
    doc_number = forms.CharField(
        label=gettext_lazy("文号"), max_length=64, required=False, help_text=gettext_lazy("如 汉政办发〔2016〕88号")
    )
    issued_on = forms.CharField(
        label=gettext_lazy("发文日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    source_level = forms.ChoiceField(label=gettext_lazy("层级"), choices=_blank(SourceLevel.choices), required=False)
    batch = forms.CharField(label=gettext_lazy("批次"), max_length=64, required=False)
    adopted_from = forms.CharField(
        label=gettext_lazy("承接的上级清单"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("本事项照搬或细化的上级清单及其条目。"),
    )

    field_order = [
        "code", "title", "category", "cert_kind", "statutory", "basis", "department", "scope", "process",
        *WORKLOAD_FIELDS,
        "conditions", "bodies", "community_types", "plaque_kind", "plaque_position", "plaque_quota",
        "review_date", "issuer", "doc_number", "issued_on", "source_level", "batch", "adopted_from",
    ]  # fmt: skip

    def __init__(self, *args: Any, owner: Org, **kwargs: Any):
        super().__init__(*args, **kwargs)
        depts = departments_of(owner)
        department_field = self.fields["department"]
        assert isinstance(department_field, forms.ChoiceField)
        department_field.choices = _blank([(d.code, d.name) for d in depts], "（无）")

    @staticmethod
    def initial_for(item: ListItem) -> dict[str, Any]:
        return {
            **WorkloadForm.initial_workload(item),
            "code": item.code,
            "title": item.title,
            "category": item.category,
            "cert_kind": item.cert_kind,
            "statutory": item.statutory,
            "basis": item.basis,
            "department": item.department.code if item.department is not None else "",
            "scope": item.scope,
            "process": item.process,
            "conditions": item.conditions,
            "bodies": list(item.bodies or []),
            "community_types": list(item.community_types or []),
            "plaque_kind": item.plaque_kind,
            "plaque_position": item.plaque_position,
            "plaque_quota": "" if item.plaque_quota is None else str(item.plaque_quota),
            "review_date": item.review_date.isoformat() if item.review_date else "",
            "issuer": item.issuer,
            "doc_number": item.doc_number,
            "issued_on": item.issued_on.isoformat() if item.issued_on else "",
            "source_level": item.source_level,
            "batch": item.batch,
            "adopted_from": item.adopted_from,
        }


class PublishForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("清单标题"), max_length=200)
    effective_date = forms.DateField(
        label=gettext_lazy("生效日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "日期格式应为 2026-01-31。", "required": "请填写生效日期。"},
    )
    note = forms.CharField(
        label=gettext_lazy("发布说明"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=gettext_lazy("如：依据县委办〔2026〕12 号文件调整，取消 8 项、合并 3 项。"),
    )
    full_review = forms.BooleanField(label=gettext_lazy("本版为全面复核的结果（每 2–3 年一次）"), required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel 文件（.xlsx）"),
        help_text=gettext_lazy("请使用下载的模板填写；导入将替换草稿中的全部事项。"),
    )


class CitationForm(forms.Form):
    """A county's citation for one rule (parsing only; ``actions.do_save_citation`` validates)."""

    title = forms.CharField(label=gettext_lazy("文件名称"), max_length=200,
                            help_text=gettext_lazy("不含书名号，如：汉阴县社区工作事项准入制度"))  # fmt: skip
    doc_number = forms.CharField(label=gettext_lazy("发文字号"), max_length=60, required=False,
                                 help_text=gettext_lazy("如：汉政办发〔2026〕12号"))  # fmt: skip
    issuer = forms.CharField(label=gettext_lazy("发文机关"), max_length=100, required=False)
    section = forms.CharField(label=gettext_lazy("条款/章节"), max_length=60, required=False,
                              help_text=gettext_lazy("如：第三条、二、（四）"))  # fmt: skip
    excerpt = forms.CharField(label=gettext_lazy("条文要点"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))
