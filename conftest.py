"""Fixtures for every test: the two-county world, logged-in clients, and Chromium for journeys."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

from jianfu.testing import PASSWORD, World, build_world

CHROMIUM = os.environ.get("JIANFU_CHROMIUM", "/usr/bin/chromium")
REQUIRE_BROWSER = os.environ.get("JIANFU_REQUIRE_BROWSER") == "1" or os.environ.get("CI") == "true"


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


@pytest.fixture
def client_for(world: World) -> Callable[[str], Client]:
    """A test client already signed in as the named persona."""

    def make(persona: str) -> Client:
        client = Client()
        client.force_login(world.users[persona])
        return client

    return make


@pytest.fixture
def api_client_for(world: World) -> Callable[[str], Client]:
    """A test client that authenticates with a fresh API token of the named persona."""
    from jianfu.orgs.actions import do_issue_token

    def make(persona: str) -> Client:
        token = do_issue_token(world.users[persona], actor=None)
        return Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    return make


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright. Skips locally without it; fails in CI."""
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM}: apt-get install -y chromium fonts-noto-cjk"
        if REQUIRE_BROWSER:
            pytest.fail(message)
        pytest.skip(message)
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page_for(browser: Any, live_server: Any, world: World) -> Iterator[Callable[..., Any]]:
    """A new browser page signed in (through the real login form) as the named persona."""
    contexts = []

    def make(persona: str | None, *, mobile: bool = False, bypass_csp: bool = False) -> Any:
        # bypass_csp: only for tests that inject a test script (axe-core) into the page.
        viewport = {"width": 390, "height": 844} if mobile else {"width": 1280, "height": 900}
        context = browser.new_context(
            viewport=viewport, locale="zh-CN", base_url=live_server.url, bypass_csp=bypass_csp
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        if persona:
            page.goto("/login/")
            page.fill("#id_username", persona)
            page.fill("#id_password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(lambda url: "/login/" not in url)
        return page

    yield make
    for context in contexts:
        context.close()


__all__ = ["PASSWORD"]


@pytest.fixture
def cjk_font() -> None:
    """PDF tests need a CJK font (fonts-noto-cjk). Skip locally without it; fail in CI."""
    from jianfu.core.pdf import cjk_font_available

    if not cjk_font_available():
        message = "no CJK font installed: apt-get install -y fonts-noto-cjk"
        if REQUIRE_BROWSER:
            pytest.fail(message)
        pytest.skip(message)
