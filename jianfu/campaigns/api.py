"""Campaigns API (mounted at /api/v1/campaigns): the campaigns a user may read and a campaign's
工作台账 (a township sees its own rows, the county all; another county's id is a 404)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _
from ninja import Router, Schema

from jianfu.core.errors import NotAllowed
from jianfu.core.typing import AuthedRequest

from . import selectors
from .choices import ItemStatus
from .models import Campaign
from .permissions import can_see_campaigns

PREFIX = "campaigns"
router = Router(tags=["专项行动"])


class StageOut(Schema):
    name: str
    start: str
    end: str
    state: str


class CampaignOut(Schema):
    id: int
    title: str
    basis: str
    county: str
    state: str
    state_label: str
    stages: list[StageOut]


class LedgerRowOut(Schema):
    id: int
    township: str
    township_code: str
    stage: str
    group: str
    task: str
    owner: str
    deadline: str
    status: str
    status_label: str
    note: str
    files: int


def _must_see(request: AuthedRequest) -> None:
    if not can_see_campaigns(request.user):
        raise NotAllowed(_("专项行动由县级民政、组织部门部署，乡镇（街道）维护工作台账。"))


def campaign_out(c: Campaign) -> dict[str, Any]:
    return {
        "id": c.pk,
        "title": c.title,
        "basis": c.basis,
        "county": c.county.name,
        "state": c.state,
        "state_label": c.get_state_display(),
        "stages": [
            {"name": s.name, "start": s.start.isoformat(), "end": s.end.isoformat(), "state": s.state}
            for s in c.stages.order_by("position")
        ],
    }


@router.get("", response=list[CampaignOut], summary="我可见的专项行动")
def list_campaigns(request: AuthedRequest) -> list[dict[str, Any]]:
    _must_see(request)
    return [campaign_out(c) for c in selectors.campaigns_for(request.user)[:200]]


@router.get("/{campaign_id}/ledger", response=list[LedgerRowOut], summary="专项行动工作台账（乡镇只见本乡镇）")
def campaign_ledger(request: AuthedRequest, campaign_id: int) -> list[dict[str, Any]]:
    _must_see(request)
    campaign = selectors.get_campaign(request.user, campaign_id)
    # Plain values (no row objects): a county's ledger is hundreds of rows.
    rows = (
        selectors.items_for(request.user, campaign)
        .annotate(n_files=Count("files"))
        .values(
            "id", "township__name", "township__code", "stage__name", "group", "title", "owner", "deadline", "status",
            "note", "n_files",
        )
    )  # fmt: skip
    labels = dict(ItemStatus.choices)
    return [
        {
            "id": i["id"],
            "township": i["township__name"],
            "township_code": i["township__code"],
            "stage": i["stage__name"],
            "group": i["group"],
            "task": i["title"],
            "owner": i["owner"],
            "deadline": i["deadline"].isoformat(),
            "status": i["status"],
            "status_label": str(labels.get(i["status"], i["status"])),
            "note": i["note"],
            "files": i["n_files"],
        }
        for i in rows
    ]
