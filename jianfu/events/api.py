"""Open311-style API for grid events (mounted at /api/v1/events).

``GET /services`` lists the county's categories as Open311 services (public, by ``county``);
``POST /`` reports an event (a grid worker's token); ``GET /{id}`` answers in Open311's request
shape; ``POST /{id}/{action}`` takes one workflow move. A resident's contact details are part of
an answer only for the community and township; a department never gets them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from jianfu.core.errors import ActionError, NotFound
from jianfu.core.pagination import Page, PageQuery, page_of
from jianfu.core.typing import AuthedRequest
from jianfu.orgs.choices import OrgKind
from jianfu.orgs.models import Org

from . import actions, selectors
from .choices import State
from .models import Event

PREFIX = "events"
router = Router(tags=["网格事件（Open311）"])


class ServiceOut(Schema):
    service_code: str
    service_name: str
    group: str
    description: str
    metadata: bool
    type: str
    keywords: str


class EventIn(Schema):
    service_code: str
    description: str
    address_string: str = ""
    grid_code: str = ""
    urgency: str = ""
    micro: bool = False
    note: str = ""
    confirm_new: bool = False


class EventOut(Schema):
    service_request_id: int
    tracking_code: str
    status: str
    state: str
    state_label: str
    status_notes: str
    service_code: str
    service_name: str
    description: str
    agency_responsible: str
    address: str
    grid: str
    urgency: str
    source: str
    requested_datetime: dt.datetime
    updated_datetime: dt.datetime
    expected_datetime: dt.datetime
    rejections: int
    contact: dict[str, Any] | None  # masked (139****5678); POST /{id}/contact for the full number
    url: str


class MoveIn(Schema):
    reason: str = ""
    reply: str = ""
    department: str = ""
    deadline: str = ""
    satisfaction: str = ""


def event_out(user: Any, e: Event) -> dict[str, Any]:
    last = e.steps.order_by("-created_at", "-id").first()
    return {
        "service_request_id": e.pk,
        "tracking_code": e.tracking_code,
        "status": "closed" if e.state == State.CLOSED else "open",
        "state": e.state,
        "state_label": e.get_state_display(),
        "status_notes": last.label if last else "",
        "service_code": e.category.code,
        "service_name": e.category.path,
        "description": e.description,
        "agency_responsible": e.holder.name,
        "address": e.place,
        "grid": e.grid.code if e.grid_id and e.grid else "",
        "urgency": e.urgency,
        "source": e.source,
        "requested_datetime": e.received_at,
        "updated_datetime": e.updated_at,
        "expected_datetime": e.deadline,
        "rejections": e.rejections,
        "contact": selectors.contact_for(user, e),
        "url": reverse("events:detail", args=[e.pk]),
    }


@router.get("/services", auth=None, response=Page[ServiceOut], summary="事件分类（Open311 services；分页）")
def services(request: HttpRequest, paging: Query[PageQuery], county: str = "") -> dict[str, Any]:
    code = county.strip() or selectors.county_code_of(request.user)
    if not Org.objects.filter(code=code, kind=OrgKind.COUNTY, is_active=True).exists():
        raise NotFound(_("未找到该县（区），请用 ?county= 指定县（区）代码。"))
    return page_of(request, selectors.leaf_categories(code), paging, lambda c: {
            "service_code": c.code,
            "service_name": c.name,
            "group": c.parent.name if c.parent else "",
            "description": c.path,
            "metadata": False,
            "type": "realtime",
            "keywords": c.keywords,
        })  # fmt: skip


@router.get("", response=Page[EventOut], summary="我可见的事件（最新在前；分页）")
def list_events(request: AuthedRequest, paging: Query[PageQuery], state: str = "") -> dict[str, Any]:
    qs = selectors.events_for(request.user)
    if state:
        qs = qs.filter(state=state)
    user = request.user
    return page_of(request, qs, paging, lambda e: event_out(user, e))


@router.post("", response={201: EventOut}, summary="网格员上报事件（Open311 POST requests）")
def create_event(request: AuthedRequest, payload: EventIn) -> Status[dict[str, Any]]:
    event = actions.do_report_event(
        actor=request.user,
        data={
            "category": payload.service_code,
            "description": payload.description,
            "place": payload.address_string,
            "grid": payload.grid_code,
            "urgency": payload.urgency,
        },
        micro=payload.micro,
        note=payload.note,
        confirm_new=payload.confirm_new,
    )
    return Status(201, event_out(request.user, selectors.get_event(request.user, event.pk)))


@router.get("/{event_id}", response=EventOut, summary="一件事件（Open311 request）")
def get_event(request: AuthedRequest, event_id: int) -> dict[str, Any]:
    return event_out(request.user, selectors.get_event(request.user, event_id))


class ContactOut(Schema):
    name: str
    phone: str
    masked: bool


@router.post("/{event_id}/contact", response=ContactOut, summary="显示完整号码：反映人的完整姓名与电话（记入审计）")
def reveal_contact(request: AuthedRequest, event_id: int) -> dict[str, Any]:
    return actions.do_reveal_contact(selectors.get_event(request.user, event_id), actor=request.user)


@router.post(
    "/{event_id}/{action}",
    response=EventOut,
    summary="办理流转：escalate/whistle/send_back/accept/return/handle/close_on_spot/confirm/reject",
)
def move(request: AuthedRequest, event_id: int, action: str, payload: MoveIn) -> dict[str, Any]:
    event = selectors.get_event(request.user, event_id)
    if action not in actions.ACTIONS:
        raise ActionError(_("未知的操作：{action}").format(action=action))
    actions.do_act(event, action, actor=request.user, data=payload.dict())
    return event_out(request.user, selectors.get_event(request.user, event_id))
