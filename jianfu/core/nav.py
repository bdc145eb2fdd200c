"""Navigation by role. Each app registers its entries in its AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    url_name: str
    visible: Callable[[Any], bool]
    order: int = 100
    icon: str = ""


_ENTRIES: list[NavEntry] = []


def register(
    label: str | Promise, url_name: str, visible: Callable[[Any], bool], *, order: int = 100, icon: str = ""
) -> None:
    if any(e.url_name == url_name for e in _ENTRIES):
        return
    _ENTRIES.append(NavEntry(label, url_name, visible, order, icon))
    _ENTRIES.sort(key=lambda e: e.order)


def nav_for(user: Any, path: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for entry in _ENTRIES:
        if not entry.visible(user):
            continue
        url = reverse(entry.url_name)
        items.append({"label": entry.label, "url": url, "active": False, "icon": entry.icon})
    # The entry whose URL is the longest prefix of the path is the current one (so /burden/entries/new/
    # marks "补记负担", not also "负担监测" at /burden/).
    matches = [i for i in items if (path == i["url"] if i["url"] == "/" else path.startswith(i["url"]))]
    if matches:
        max(matches, key=lambda i: len(i["url"]))["active"] = True
    return items
