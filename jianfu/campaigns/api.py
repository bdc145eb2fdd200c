"""Campaigns API (mounted at /api/v1/campaigns): the campaigns a user may read and a campaign's
工作台账 (a township sees its own rows, the county all; another county's id is a 404)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from jianfu.core.errors import NotAllowed
from jianfu.core.pagination import Page, PageQuery, page_of
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


@router.get("", response=Page[CampaignOut], summary="我可见的专项行动（分页）")
def list_campaigns(request: AuthedRequest, paging: Query[PageQuery]) -> dict[str, Any]:
    _must_see(request)
    return page_of(request, selectors.campaigns_for(request.user), paging, campaign_out)


@router.get("/{campaign_id}/ledger", response=Page[LedgerRowOut], summary="专项行动工作台账（乡镇只见本乡镇；分页）")
def campaign_ledger(request: AuthedRequest, campaign_id: int, paging: Query[PageQuery]) -> dict[str, Any]:
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

    def row_out(i: dict[str, Any]) -> dict[str, Any]:
        return {
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

    return page_of(request, rows, paging, row_out)
