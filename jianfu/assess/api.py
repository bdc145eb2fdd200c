"""Assessment API, mounted at the API root so that the issue's paths are served exactly:
``/api/v1/assessment/schemes``, ``/api/v1/assessment/rounds/{id}/results`` (a round is one annual
scheme) and the public ``/api/v1/surveys/{code}/answers``; ``/api/v1/assess/...`` stay as aliases."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from jianfu.core.net import client_ip
from jianfu.core.pagination import Page, PageQuery, page_of
from jianfu.core.typing import AuthedRequest

from . import selectors, survey
from .models import Scheme
from .views_survey import RATE_MESSAGE, allowed

PREFIX = ""
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


@router.get("/assessment/schemes", response=Page[SchemeOut], summary="我可见的年度考核方案（分页）")
def list_schemes(request: AuthedRequest, paging: Query[PageQuery], year: int = 0) -> dict[str, Any]:
    qs = selectors.schemes_for(request.user)
    if year:
        qs = qs.filter(year=year)
    return page_of(request, qs, paging, scheme_out)


@router.get(
    "/assessment/rounds/{round_id}/results", response=Page[ResultOut], summary="考核结果（社区只见本社区；分页）"
)
def round_results(request: AuthedRequest, round_id: int, paging: Query[PageQuery]) -> dict[str, Any]:
    scheme = selectors.get_scheme(request.user, round_id)
    indicators, rows = selectors.results_for(request.user, scheme)
    return page_of(request, [
        {
            "rank": r.rank,
            "community": r.community.name,
            "community_code": r.community.code,
            "total": str(r.total),
            "resident": str(r.resident),
            "scores": {i.title: (str(v) if v is not None else None) for i, v in zip(indicators, r.values, strict=True)},
        }
        for r in rows
    ], paging)  # fmt: skip


@router.get("/assess/schemes", response=Page[SchemeOut], summary="我可见的年度考核方案（旧路径）")
def list_schemes_alias(request: AuthedRequest, paging: Query[PageQuery], year: int = 0) -> dict[str, Any]:
    return list_schemes(request, paging, year)


@router.get("/assess/schemes/{scheme_id}/results", response=Page[ResultOut], summary="考核结果（旧路径）")
def scheme_results_alias(request: AuthedRequest, scheme_id: int, paging: Query[PageQuery]) -> dict[str, Any]:
    return round_results(request, scheme_id, paging)


class AnswerIn(Schema):
    answers: dict[str, int | str]


class AnswerOut(Schema):
    community: str
    counted: bool
    message: str


@router.post(
    "/surveys/{code}/answers",
    auth=None,
    response={201: AnswerOut},
    summary="居民凭一次性问卷码提交满意度问卷（无需登录）",
)
def answer_survey(request: HttpRequest, code: str, payload: AnswerIn) -> Status:
    if not allowed(request):
        raise HttpError(429, RATE_MESSAGE)
    answer = survey.do_answer_survey(code, actor=None, answers=payload.answers, address=client_ip(request))
    counted = answer.status == "counted"
    message = "提交成功，感谢您的评价。" if counted else "已收到，待乡镇（街道）审核后计入。"
    return Status(201, {"community": answer.community.name, "counted": counted, "message": message})
