"""The link crawler of tests/test_links*.py: every link a role is shown leads somewhere it may go,
and every empty table says so.

A crawler signs in as each persona of the permission scene (``tests/permission_scene.py``) and of a
bare world (no lists, no tasks, nothing recorded), starts at the home page and the public pages,
and follows every ``<a href>`` to a page of this site (GET only; one URL per route shape, so
「/cases/17/」 and 「/cases/18/」 count once). Issue 19 point 9:

- no link a persona is shown answers 403 or 404 for that persona (a township breadcrumb must not
  lead a community worker to a 404);
- no page answers 500;
- no table is rendered with an empty body: an empty table shows an empty state (暂无…).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urldefrag, urlsplit

from django.db import transaction
from django.test import Client

from .permission_table import OTHER, PERSONAS

START = ("/", "/public/lists/")
MAX_PAGES = 120  # route shapes per persona; the scene has about this many pages for the busiest role
SKIP = re.compile(r"^/(static|media|admin|api|accounts/logout|logout|signout)/|\.(xlsx|pdf|png|csv|docx)(\?|$)")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.empty_tbodies = 0
        self._tbody_rows: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith("/") and not href.startswith("//"):
                self.links.append(urldefrag(href)[0])
        elif tag == "tbody":
            self._tbody_rows.append(0)
        elif tag == "tr" and self._tbody_rows:
            self._tbody_rows[-1] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody" and self._tbody_rows and self._tbody_rows.pop() == 0:
            self.empty_tbodies += 1


def _shape(url: str) -> str:
    parts = urlsplit(url)
    keys = sorted(k.split("=")[0] for k in parts.query.split("&") if k)
    return re.sub(r"\d+", "N", parts.path) + ("?" + "&".join(keys) if keys else "")


def crawl(client: Client) -> tuple[dict[str, tuple[int, str]], dict[str, str]]:
    """(bad links: url → (status, the page that showed it), empty tables: url → shape)."""
    seen: set[str] = set()
    queue: list[tuple[str, str]] = [(u, "(start)") for u in START]
    bad: dict[str, tuple[int, str]] = {}
    empty: dict[str, str] = {}
    while queue and len(seen) < MAX_PAGES:
        url, source = queue.pop(0)
        shape = _shape(url)
        if shape in seen or SKIP.search(url):
            continue
        seen.add(shape)
        with transaction.atomic():
            response = client.get(url)
            transaction.set_rollback(True)
        if response.status_code in (403, 404) or response.status_code >= 500:
            bad[url] = (response.status_code, source)
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        if parser.empty_tbodies:
            empty[url] = shape
        queue.extend((link, url) for link in parser.links)
    return bad, empty


def personas() -> list[str]:
    """Every persona of this county (another county's see nothing of it, so crawl nothing)."""
    return [a for a in PERSONAS if a not in OTHER]


def client(world: Any, alias: str) -> Client:
    c = Client()
    persona = PERSONAS[alias]
    if persona is not None:
        c.force_login(world.users[persona])
    return c


def check(world: Any, alias: str) -> None:
    bad, empty = crawl(client(world, alias))
    assert not bad, (
        "links that fail for "
        + alias
        + ":\n"
        + "\n".join(f"  {status} {url}  (linked from {source})" for url, (status, source) in bad.items())
    )
    assert not empty, f"tables with no rows and no empty state ({alias}):\n" + "\n".join(sorted(empty))
