"""Public pages (no login): each links the county's other public services and its 举报电话, and a
refused (rate-limited) report keeps what the resident typed."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from jianfu.supervision.models import Case

PAGES = [
    "/public/lists/610921/",
    "/public/report/610921/",
    "/public/track/?county=610921",
    "/public/notices/610921/",
    "/public/certificates/610921/",
    "/public/events/610921/",
    "/public/events/track/?county=610921",
]
LINKS = [
    'href="/public/lists/610921/"',
    'href="/public/report/610921/"',
    'href="/public/track/?county=610921"',
    'href="/public/notices/610921/"',
    'href="/public/certificates/610921/"',
    'href="/public/events/610921/"',
    'href="/public/events/track/?county=610921"',
]


@pytest.fixture(autouse=True)
def _fresh_limits(db):
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("url", PAGES)
def test_every_public_page_links_the_countys_other_public_pages_and_its_report_phone(world, settings, url):
    settings.REPORT_PHONES = {"610921": "0915-1234567", "": "12345"}
    response = Client().get(url)
    assert response.status_code == 200
    page = response.content.decode()
    missing = [link for link in LINKS if link not in page]
    assert not missing
    assert "举报电话" in page and 'href="tel:0915-1234567"' in page
    assert page.count('aria-current="page"') == 1


def test_another_county_gets_the_default_phone_and_no_phone_is_shown_when_none_is_configured(world, settings):
    settings.REPORT_PHONES = {"610921": "0915-1234567", "": "12345"}
    page = Client().get("/public/notices/610922/").content.decode()
    assert 'href="tel:12345"' in page and 'href="/public/report/610922/"' in page
    settings.REPORT_PHONES = {}
    assert "举报电话" not in Client().get("/public/notices/610921/").content.decode()


def test_a_tracking_page_with_an_unknown_county_shows_only_the_index_link(world):
    page = Client().get("/public/track/?county=abc").content.decode()
    assert 'href="/public/lists/"' in page and "/public/report/" not in page


def test_the_tracking_form_keeps_the_county_for_the_navigation(world):
    page = Client().get("/public/track/?county=610921").content.decode()
    assert '<input type="hidden" name="county" value="610921">' in page


def test_the_sixth_report_in_an_hour_is_refused_but_keeps_what_the_resident_typed(world):
    client = Client(REMOTE_ADDR="10.0.0.66")
    for n in range(5):
        data = {"title": f"乡镇要求社区填报表格{n}", "description": "每周要求社区填写三张表格。"}
        assert client.post("/public/report/610921/", data).status_code == 302
    sixth = {"title": "卫健局要求社区出具证明", "description": "要求社区为居民出具无犯罪记录证明，已三次。"}
    refused = client.post("/public/report/610921/", sixth)
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "频繁" in page
    assert 'value="卫健局要求社区出具证明"' in page and "要求社区为居民出具无犯罪记录证明，已三次。" in page
    assert "fielderror" not in page  # refused, not invalid: no field errors
    assert Case.objects.count() == 5


def test_a_rate_limited_resident_report_keeps_the_description(world, settings):
    from jianfu.events.models import Category

    settings.EVENTS_PUBLIC_REPORTS_PER_WINDOW = 0
    Category.objects.get_or_create(code="0104", defaults={"name": "垃圾清运"})
    data = {"community": world.dongguan.code, "place": "东关街", "description": "垃圾桶满了三天没人清运"}
    refused = Client(REMOTE_ADDR="10.0.0.67").post("/public/events/610921/", data)
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "垃圾桶满了三天没人清运" in page and 'value="东关街"' in page
