"""API of the forms registry (一表通), mounted at /api/v1/forms."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from jianfu.core.errors import ActionError, NotFound
from jianfu.core.pagination import Page, PageQuery, page_of
from jianfu.core.typing import AuthedRequest

from . import actions, duplicates, prefill, selectors
from .choices import FormState
from .models import FormDef

PREFIX = "forms"
router = Router(tags=["表格报备（一表通）"])


class FieldIn(Schema):
    name: str = ""
    type: str = "integer"
    unit: str = ""
    definition: str = ""
    granularity: str = "community"
    choices: list[str] = []
    min_value: str | None = None
    max_value: str | None = None


class FormIn(Schema):
    title: str = ""
    purpose: str = ""
    year: int | None = None
    frequency_count: int = 1
    frequency_unit: str = "year"
    due_dates: list[str] = []
    basis: str = ""
    basis_level: str = ""
    personal_basis: str = ""
    list_item_code: str = ""
    application_id: int | None = None
    funding_amount: str = ""
    funding_source: str = ""
    fields: list[FieldIn] = []
    reuse: dict[str, int] = {}
    auto_reuse: bool = True


class FieldOut(Schema):
    id: int
    position: int
    name: str
    type: str
    unit: str
    definition: str
    granularity: str
    concept: str
    reuse_of: int | None
    collected_by: str | None


class FormOut(Schema):
    id: int
    number: str
    title: str
    owner: str
    state: str
    state_label: str
    year: int
    frequency: str
    due_dates: list[str]
    basis: str
    basis_level: str
    personal_basis: str
    list_item_code: str | None
    application_id: int | None
    fields: list[FieldOut]


class SubmissionIn(Schema):
    due_date: str = ""
    values: dict[str, Any] = {}


class SubmissionOut(Schema):
    id: int
    form: int
    community: str
    due_date: dt.date
    prefilled: int
    fields: int
    minutes: int


def _form_out(form: FormDef) -> dict[str, Any]:
    from jianfu.core.numbering import format_number

    state = selectors.effective_state(form)
    fields = []
    for f in selectors.fields_of(form):
        other = f.reuse_of
        fields.append({
            "id": f.pk, "position": f.position, "name": f.name, "type": f.type, "unit": f.unit,
            "definition": f.definition, "granularity": f.granularity, "concept": f.concept,
            "reuse_of": f.reuse_of_id,
            "collected_by": f"{other.form.owner_org.name}《{other.form.title}》" if other is not None else None,
        })  # fmt: skip
    return {
        "id": form.pk, "number": format_number(form.year, form.number or 0, prefix="表备"), "title": form.title,
        "owner": form.owner_org.name, "state": state, "state_label": str(FormState(state).label),
        "year": form.year, "frequency": f"{form.get_frequency_unit_display()}{form.frequency_count}次",
        "due_dates": form.due_dates, "basis": form.basis, "basis_level": form.basis_level,
        "personal_basis": form.personal_basis,
        "list_item_code": form.list_item.code if form.list_item is not None else None,
        "application_id": form.application_id,
        "fields": fields,
    }  # fmt: skip


@router.get("", response=Page[FormOut], summary="本县表格登记册（在用及本单位待准入的表格；分页）")
def registry(request: AuthedRequest, paging: Query[PageQuery], owner: str = "", state: str = "") -> dict[str, Any]:
    qs = selectors.forms_for(request.user)
    if owner:
        qs = qs.filter(owner_org__code=owner)
    if state == "active":
        qs = qs.filter(selectors.active_q())
    elif state:
        qs = qs.filter(state=state)
    return page_of(request, qs.prefetch_related("fields"), paging, _form_out)


@router.post("", response={201: FormOut}, summary="报备表格（无清单依据的表格自动生成准入申请草稿）")
def register(request: AuthedRequest, payload: FormIn) -> Status[dict[str, Any]]:
    """Register a form with its fields. ``reuse`` maps a field's position (1-based) to the id of
    a registered field it reuses; with ``auto_reuse`` the same indicator found elsewhere in the
    county is reused automatically. Bad fields answer 400 with every problem in ``errors``."""
    data = payload.dict()
    data["fields"] = [dict(f) for f in data["fields"]]
    form = actions.do_register_form(actor=request.user, data=data)
    return Status(201, _form_out(selectors.get_form(request.user, form.pk)))


@router.get("/duplicates", summary="本县重复与相似指标、合并建议及节省")
def duplicate_fields(request: AuthedRequest) -> dict[str, Any]:
    prefix = selectors.registry_prefix(request.user)
    if not prefix:
        raise NotFound(_("未找到可查看的表格。"))
    report = duplicates.county_report(prefix)

    def link(lk: duplicates.Link) -> dict[str, Any]:
        return {"a": {"field": lk.a.pk, "name": lk.a.name, "form": lk.a.form.title, "owner": lk.a.form.owner_org.name},
                "b": {"field": lk.b.pk, "name": lk.b.name, "form": lk.b.form.title, "owner": lk.b.form.owner_org.name},
                "score": lk.score, "reason": lk.reason}  # fmt: skip

    return {
        "forms": report.forms, "fields": report.fields,
        "same": [link(lk) for lk in report.same], "lookalike": [link(lk) for lk in report.lookalike],
        "merges": [{"keep": p.keep.pk, "keep_title": p.keep.title, "drop": p.drop.pk, "drop_title": p.drop.title,
                    "shared": p.saved_indicators, "share": round(p.share, 3), "hours_saved": round(p.saved_hours, 1)}
                   for p in report.pairs],
        "saved_indicators": report.saved_indicators, "saved_hours": round(report.saved_hours, 1),
    }  # fmt: skip


@router.get("/{form_id}/prefill", summary="某社区填报本表时可预填的数据（来源与更新时间）")
def form_prefill(request: AuthedRequest, form_id: int, community: str = "") -> dict[str, Any]:
    form = selectors.get_form(request.user, form_id)
    if not community and request.user.org is not None:
        community = request.user.org.code
    org = selectors.get_community(request.user, community)
    return prefill.prefill(form, org).as_dict()


@router.post("/{form_id}/submissions", response={201: SubmissionOut}, summary="社区填报本表（一期）")
def submit(request: AuthedRequest, form_id: int, payload: SubmissionIn) -> Status[dict[str, Any]]:
    """``values`` maps a field id (or its name) to the value; ``due_date`` is one of the dates the
    community owes this form (default: the first open one)."""
    form = selectors.get_form(request.user, form_id)
    if not isinstance(payload.values, dict):
        raise ActionError(_("values 须为对象。"), field="values")
    sub = actions.do_submit(form, actor=request.user, due_date=payload.due_date, values=payload.values)
    return Status(201, {"id": sub.pk, "form": form.pk, "community": sub.community.name, "due_date": sub.due_date,
                        "prefilled": len(sub.prefilled), "fields": len(sub.values),
                        "minutes": sub.minutes})  # fmt: skip
