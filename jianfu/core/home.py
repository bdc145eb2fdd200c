"""Home-page panels by role ("what is waiting for me") and the line introducing the user's role.
Apps register them in ready(); core knows no app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet, Window


@dataclass
class Panel:
    """A card on the home page: a title, optional count, lines with links, and a 'more' link."""

    title: str
    count: int | None = None
    lines: list[tuple[str, str]] = field(default_factory=list)  # (text, url or "")
    more_url: str = ""
    more_label: str = "查看全部"
    empty_text: str = "暂无待办事项。"
    tone: str = ""  # "", "warn" or "ok"
    order: int = 100


def head_and_count(qs: QuerySet[Any], n: int) -> tuple[list[Any], int]:
    """The first ``n`` rows of ``qs`` and how many rows it has, in one query: the count is a
    window over the whole result, computed before the limit (a card shows both)."""
    rows = list(qs.annotate(_card_total=Window(Count("pk")))[:n])
    return rows, (rows[0]._card_total if rows else 0)


PanelFn = Callable[[Any], "Panel | None"]
_PANELS: list[PanelFn] = []


def register_panel(fn: PanelFn) -> PanelFn:
    if fn not in _PANELS:
        _PANELS.append(fn)
    return fn


def panels_for(user: Any) -> list[Panel]:
    panels = [p for p in (fn(user) for fn in _PANELS) if p is not None]
    return sorted(panels, key=lambda p: p.order)


IntroFn = Callable[[Any], str]
_INTROS: list[IntroFn] = []


def register_intro(fn: IntroFn) -> IntroFn:
    """A function giving the home page's one-line introduction for a user ("" for none)."""
    if fn not in _INTROS:
        _INTROS.append(fn)
    return fn


def intro_for(user: Any) -> str:
    return next((text for text in (fn(user) for fn in _INTROS) if text), "")
