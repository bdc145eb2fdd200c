"""The workload of a piece of community work, declared once (issue 9 point 9).

A list item (清单事项) and an admission application (准入申请) describe the same thing: which part of
the work the community does (协助 roles), how often, how long each time, which communities, and
who pays (费随事转). This module is the one declaration of those fields; everything else uses it:

- ``WORKLOAD_LABELS``    the spec: field → Chinese label (Excel headers, form labels, error labels);
- ``WorkloadFields``     the abstract model ``ListItem`` and ``Application`` both inherit;
- ``WorkloadForm``       the form fields the item page and the application page both inherit;
- ``WorkloadIn/Out``     the API schema fields of both routers;
- ``clean_workload``     the one validator: a page form, an API payload and an Excel row all end
                         here (through ``catalog.validation.clean_item``), with Chinese messages;
- ``funding_reason``     the one 费随事转 rule (who must name funding, and why);
- ``cert_kind``          what kind of certificate the work is (证明事项 only): a list item and an
                         application carry it alike, so an admitted certificate keeps its kind.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy
from ninja import Schema

from .choices import PER_YEAR, AppliesTo, Category, CertKind, CommunityRole, FrequencyUnit, carries_burden

MAX_MINUTES = 10_000
MAX_FREQUENCY = Decimal(10_000)
MAX_FUNDING = Decimal("9999999999.99")
TAG_RE = re.compile(r"<\s*/?\s*[A-Za-z!]")

# The spec: every workload field and its label, in the order forms, templates and Excel show them.
WORKLOAD_LABELS: dict[str, str] = {
    "community_roles": "社区职责",
    "funding_amount": "经费（元/年）",
    "funding_source": "经费来源",
    "frequency_count": "频次",
    "frequency_unit": "频次单位",
    "minutes_per_occurrence": "每次用时（分钟）",
    "applies_to": "适用范围",
}
WORKLOAD_FIELDS = list(WORKLOAD_LABELS)
# The kind of the work, beside its workload: for 证明事项, may the community issue it or must it
# never be demanded of it (CertKind). Validated by catalog.validation.clean_item with the category.
CERT_KIND_LABEL = "证明类型"


@dataclass(frozen=True)
class FieldError:
    """One problem with one field, in Chinese."""

    field: str
    message: str
    label_text: str = ""

    @property
    def label(self) -> str:
        from .validation import FIELD_LABELS

        return self.label_text or FIELD_LABELS.get(self.field) or WORKLOAD_LABELS.get(self.field, self.field)


# --- Parsing raw values (form strings, Excel cells, typed values from code) ----------------------


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def choice(value: Any, choices: type[Any]) -> str | None:
    """The stored value for either the stored value or the Chinese label; None if blank, "" if unknown."""
    raw = text(value)
    if not raw:
        return None
    for stored, label in choices.choices:
        if raw in (stored, label):
            return str(stored)
    return ""


def decimal(value: Any) -> Decimal | None:
    raw = text(value).replace(",", "").replace("，", "")
    if not raw:
        return None
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise ValueError from None
    if not number.is_finite():
        raise ValueError
    return number


def date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = text(value).replace("/", "-").replace(".", "-")
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ValueError from None


def multi(value: Any, choices: type[Any]) -> list[str] | None:
    """A list of choice values, from a list or from text such as "联系居民、协助入户"; None if any is unknown."""
    if value in (None, ""):
        return []
    parts = value if isinstance(value, list | tuple) else re.split(r"[、,，;；/\s]+", text(value))
    out: list[str] = []
    for part in parts:
        if not text(part):
            continue
        found = choice(part, choices)
        if not found:
            return None
        if found not in out:
            out.append(found)
    return out


# --- The model fields ---------------------------------------------------------------------------


class WorkloadFields(models.Model):
    """The workload columns shared by list items and admission applications (Standard Cost Model:
    minutes per occurrence × occurrences per year), with the 协助 roles and the funding."""

    # For 协助 work: which of the six non-professional parts the community does (CommunityRole).
    community_roles = models.JSONField(gettext_lazy("社区职责"), default=list, blank=True)
    funding_amount = models.DecimalField(
        gettext_lazy("经费（元/年）"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    funding_source = models.CharField(gettext_lazy("经费来源"), max_length=200, blank=True)
    frequency_count = models.DecimalField(gettext_lazy("频次"), max_digits=7, decimal_places=2, default=Decimal(1))
    frequency_unit = models.CharField(
        gettext_lazy("频次单位"), max_length=8, choices=FrequencyUnit.choices, default=FrequencyUnit.YEAR
    )
    minutes_per_occurrence = models.PositiveIntegerField(gettext_lazy("每次用时（分钟）"), default=0)
    applies_to = models.CharField(
        gettext_lazy("社区类型"), max_length=8, choices=AppliesTo.choices, default=AppliesTo.BOTH
    )
    # For 证明事项 only: 可出具 or 不得要求社区出具 (CertKind); blank for every other category.
    cert_kind = models.CharField(gettext_lazy("证明类型"), max_length=16, choices=CertKind.choices, blank=True)

    class Meta:
        abstract = True

    @property
    def occurrences_per_year(self) -> Decimal:
        return self.frequency_count * PER_YEAR[FrequencyUnit(self.frequency_unit)]

    @property
    def hours_per_community(self) -> Decimal:
        """Annual hours per community (minutes × occurrences per year / 60), to 0.1 h."""
        hours = Decimal(self.minutes_per_occurrence) * self.occurrences_per_year / Decimal(60)
        return hours.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def role_labels(self) -> list[str]:
        labels = dict(CommunityRole.choices)
        return [str(labels.get(r, r)) for r in self.community_roles or []]

    @property
    def community_roles_display(self) -> str:
        return "、".join(self.role_labels)


# --- The form fields ----------------------------------------------------------------------------


class WorkloadForm(forms.Form):
    """Raw workload fields for a page form; ``clean_workload`` (through the action) decides."""

    community_roles = forms.MultipleChoiceField(
        label=gettext_lazy("社区职责（协助事项）"),
        choices=CommunityRole.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy("社区只承担非专业性工作：联系居民、协助入户、组织动员、宣传教育、说服劝导、发现报告。"),
    )
    funding_amount = forms.CharField(
        label=WORKLOAD_LABELS["funding_amount"],
        required=False,
        help_text=gettext_lazy(
            "费随事转：部门把工作交给社区（准入申请、协助事项、有责任部门且占用工时的事项）须落实经费；法定事项除外。"
        ),
    )
    funding_source = forms.CharField(label=WORKLOAD_LABELS["funding_source"], max_length=200, required=False)
    frequency_count = forms.CharField(label=WORKLOAD_LABELS["frequency_count"], required=False, initial="1")
    frequency_unit = forms.ChoiceField(
        label=WORKLOAD_LABELS["frequency_unit"], choices=FrequencyUnit.choices, initial=FrequencyUnit.YEAR
    )
    minutes_per_occurrence = forms.CharField(
        label=WORKLOAD_LABELS["minutes_per_occurrence"], required=False, initial="0"
    )
    applies_to = forms.ChoiceField(
        label=WORKLOAD_LABELS["applies_to"], choices=AppliesTo.choices, initial=AppliesTo.BOTH
    )
    cert_kind = forms.ChoiceField(
        label=gettext_lazy("证明类型（仅证明事项）"), choices=[("", "——"), *CertKind.choices], required=False
    )

    @staticmethod
    def initial_workload(obj: WorkloadFields) -> dict[str, Any]:
        """A saved item's or application's workload as form strings."""
        amount = obj.funding_amount
        return {
            "community_roles": list(obj.community_roles or []),
            "funding_amount": "" if amount is None else format(amount.normalize(), "f"),
            "funding_source": obj.funding_source,
            "frequency_count": format(obj.frequency_count.normalize(), "f"),
            "frequency_unit": obj.frequency_unit,
            "minutes_per_occurrence": obj.minutes_per_occurrence,
            "applies_to": obj.applies_to,
            "cert_kind": obj.cert_kind,
        }


# --- The API schema fields ----------------------------------------------------------------------


class WorkloadIn(Schema):
    community_roles: list[str] = []
    funding_amount: Decimal | None = None
    funding_source: str = ""
    frequency_count: Decimal = Decimal(1)
    frequency_unit: str = "year"
    minutes_per_occurrence: int = 0
    applies_to: str = "both"
    cert_kind: str = ""  # 证明事项 only: "allowed" (可出具) or "forbidden" (不得要求社区出具)


class WorkloadOut(Schema):
    community_roles: list[str]
    funding_amount: Decimal | None
    funding_source: str
    frequency_count: Decimal
    frequency_unit: str
    minutes_per_occurrence: int
    applies_to: str
    cert_kind: str
    hours_per_community: Decimal


def workload_out(obj: WorkloadFields) -> dict[str, Any]:
    return {
        **{name: getattr(obj, name) for name in WORKLOAD_FIELDS},
        "community_roles": list(obj.community_roles or []),
        "cert_kind": obj.cert_kind,
        "hours_per_community": obj.hours_per_community,
    }


# --- The rules ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkContext:
    """What the rules need to know about the work besides its workload fields."""

    category: str
    statutory: bool = False  # 法定事项: the community's duty (履职 or 协助) by law
    has_department: bool = False  # a department (责任部门) puts this work on communities
    admission: bool = False  # a department's admission application (准入申请)
    cert_kind: str = ""
    plaque_kind: str = ""

    @property
    def is_statutory(self) -> bool:
        # 依法履行职责事项 are the community's own duties by definition.
        return self.statutory or self.category == Category.DUTY

    @property
    def carries_burden(self) -> bool:
        return carries_burden(self.category, self.cert_kind, self.plaque_kind)


def funding_reason(ctx: WorkContext, *, adds_hours: bool) -> str | None:
    """Why this work must name its funding (费随事转, 权随责走), or None.

    - an admission application: a department puts new work on communities — always;
    - a statutory duty (履职 or 协助 by law): never, the law itself assigns it;
    - a 协助 item: always (the department's work, done in part by the community);
    - any other item that adds hours to the community and has a department behind it.
    An item with no department and no law behind it (a service, a certificate the community
    issues) is the community's own work: nobody transfers it, so nobody transfers funding."""
    if ctx.admission:
        return "部门申请由社区承担的工作须落实经费（费随事转）。"
    if not ctx.category or ctx.is_statutory or not ctx.carries_burden:
        return None
    if ctx.category == Category.ASSIST:
        return "协助事项须落实经费（费随事转）。"
    if ctx.has_department and adds_hours:
        return "有责任部门且占用社区工时的事项须落实经费（费随事转）。"
    return None


def clean_workload(raw: dict[str, Any], ctx: WorkContext) -> tuple[dict[str, Any], list[FieldError]]:
    """Typed workload values and every problem found (limits, 协助 roles, 费随事转)."""
    errors: list[FieldError] = []
    out: dict[str, Any] = {}

    def err(field: str, message: str) -> None:
        errors.append(FieldError(field, message))

    roles = multi(raw.get("community_roles"), CommunityRole)
    if roles is None:
        err("community_roles", "社区职责只能是：" + "、".join(str(label) for _v, label in CommunityRole.choices) + "。")
        roles = []
    elif ctx.category == Category.ASSIST and not ctx.is_statutory and not roles:
        err("community_roles", "协助事项须注明社区承担的职责（联系居民、协助入户等）。")
    out["community_roles"] = roles

    source = text(raw.get("funding_source"))
    if len(source) > 200:
        err("funding_source", "经费来源不能超过 200 字。")
    elif TAG_RE.search(source):
        err("funding_source", "经费来源不能包含 HTML 标签。")
    out["funding_source"] = source

    try:
        amount = decimal(raw.get("funding_amount"))
    except ValueError:
        err("funding_amount", "经费须为数字（元/年）。")
        amount = None
    else:
        if amount is not None and not (Decimal(0) <= amount <= MAX_FUNDING):
            err("funding_amount", "经费须在 0 至 99 亿元之间。")
    out["funding_amount"] = amount

    try:
        frequency = decimal(raw.get("frequency_count"))
    except ValueError:
        err("frequency_count", "频次须为数字。")
        frequency = None
    if frequency is None:
        frequency = Decimal(1) if raw.get("frequency_count") in (None, "") else frequency
    if frequency is not None and not (Decimal(0) <= frequency <= MAX_FREQUENCY):
        err("frequency_count", "频次须在 0 至 10000 之间。")
    out["frequency_count"] = frequency if frequency is not None else Decimal(1)

    unit = choice(raw.get("frequency_unit"), FrequencyUnit)
    if unit == "":
        err("frequency_unit", "频次单位只能是：每年、每季度、每月、每周。")
    out["frequency_unit"] = unit or FrequencyUnit.YEAR

    try:
        minutes = decimal(raw.get("minutes_per_occurrence"))
    except ValueError:
        err("minutes_per_occurrence", "每次用时须为整数分钟。")
        minutes = None
    if minutes is not None and (minutes != minutes.to_integral_value() or not (0 <= minutes <= MAX_MINUTES)):
        err("minutes_per_occurrence", "每次用时须为 0 至 10000 之间的整数分钟。")
        minutes = None
    out["minutes_per_occurrence"] = int(minutes) if minutes is not None else 0

    applies = choice(raw.get("applies_to"), AppliesTo)
    if applies == "":
        err("applies_to", "适用范围只能是：城市社区和村、城市社区、村。")
    out["applies_to"] = applies or AppliesTo.BOTH

    adds_hours = out["minutes_per_occurrence"] > 0 and out["frequency_count"] > 0
    reason = funding_reason(ctx, adds_hours=adds_hours)
    if reason:
        if not amount:
            err("funding_amount", reason)
        if not source:
            err("funding_source", reason.replace("须落实经费", "须注明经费来源"))
    return out, errors
