"""Assessment API (mounted at /api/v1/assess): the schemes a user may read, and their results."""

from __future__ import annotations

from typing import Any

from ninja import Router, Schema

from jianfu.core.typing import AuthedRequest

from . import selectors
from .models import Scheme

PREFIX = "assess"
router = Router(tags=["考核评价"])


class IndicatorOut(Schema):
    id: int
    title: str
    kind: str
    item_code: str
    weight: int


class SchemeOut(Schema):
    id: int
    township: str
    township_code: str
    year: int
    title: str
    state: str
    state_label: str
    satisfaction_floor: int
    indicators: list[IndicatorOut]


class ResultOut(Schema):
    rank: int
    community: str
    community_code: str
    total: str
    resident: str
    scores: dict[str, str | None]


def scheme_out(s: Scheme) -> dict[str, Any]:
    return {
        "id": s.pk,
        "township": s.township.name,
        "township_code": s.township.code,
        "year": s.year,
        "title": s.title,
        "state": s.state,
        "state_label": s.get_state_display(),
        "satisfaction_floor": s.satisfaction_floor,
        "indicators": [
            {
                "id": i.pk,
                "title": i.title,
                "kind": i.kind,
                "item_code": i.item.code if i.item else "",
                "weight": i.weight,
            }
            for i in s.indicators.select_related("item")
        ],
    }


@router.get("/schemes", response=list[SchemeOut], summary="我可见的年度考核方案")
def list_schemes(request: AuthedRequest, year: int = 0) -> list[dict[str, Any]]:
    qs = selectors.schemes_for(request.user)
    if year:
        qs = qs.filter(year=year)
    return [scheme_out(s) for s in qs[:200]]


@router.get("/schemes/{scheme_id}/results", response=list[ResultOut], summary="考核结果（社区只见本社区）")
def scheme_results(request: AuthedRequest, scheme_id: int) -> list[dict[str, Any]]:
    scheme = selectors.get_scheme(request.user, scheme_id)
    indicators, rows = selectors.results_for(request.user, scheme)
    return [
        {
            "rank": r.rank,
            "community": r.community.name,
            "community_code": r.community.code,
            "total": str(r.total),
            "resident": str(r.resident),
            "scores": {i.title: (str(v) if v is not None else None) for i, v in zip(indicators, r.values, strict=True)},
        }
        for r in rows
    ]
