"""One envelope for every API list: ``{"count", "next", "items"}``.

A list takes ``?page=`` (from 1) and ``?limit=`` (at most ``MAX_LIMIT``); ``count`` is the total
across all pages and ``next`` the absolute URL of the following page (``null`` on the last one), so
another system walks a list by following ``next`` and never meets a silent cap. A ``limit`` above
the maximum is a 422 naming the field, not a quietly shorter page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_PAGE = 1_000_000


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="页码，从 1 开始")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"每页条数，1–{MAX_LIMIT}")


class Page(Schema, Generic[T]):
    """A page of a list: the total, the next page's URL (null on the last page) and the rows."""

    count: int = Field(..., description="全部条数（所有页）")
    next: str | None = Field(..., description="下一页的完整地址；最后一页为 null")
    items: list[T]


def page_of(
    request: HttpRequest,
    rows: QuerySet[Any] | Sequence[Any],
    paging: PageQuery,
    convert: Callable[[Any], Any] | None = None,
) -> dict[str, Any]:
    """The envelope for one page of ``rows`` (a queryset is counted and sliced in the database)."""
    count = rows.count() if isinstance(rows, QuerySet) else len(rows)
    start = (paging.page - 1) * paging.limit
    chunk = rows[start : start + paging.limit] if start < count else []
    items = [convert(r) for r in chunk] if convert else list(chunk)
    next_url = None
    if start + paging.limit < count:
        query = request.GET.copy()
        query["page"] = str(paging.page + 1)
        query["limit"] = str(paging.limit)
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return {"count": count, "next": next_url, "items": items}
