"""axe-core on the main pages (issue 19 point 10): no serious or critical violation, for the role
that uses each page, at 1366×768 and on a 390×844 phone. axe-core comes from npm (package.json,
devDependencies) and is injected from node_modules: nothing is fetched from the internet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jianfu.admission.tests.lists import publish_lists

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    None: ["/public/lists/", "/login/"],
    "county_mzj": ["/", "/lists/", "/burden/", "/burden/report/", "/supervision/cases/", "/supervision/scoreboard/",
                   "/lists/citations/", "/admission/"],
    "dept_officer": ["/tasks/new/", "/tasks/", "/forms/"],
    "township_officer": ["/burden/events/new/", "/events/"],
    "community_worker": ["/", "/inbox/", "/burden/entries/new/"],
}  # fmt: skip


def _busy_month(world) -> None:
    import datetime as dt

    from django.utils import timezone

    from jianfu.burden.actions import do_record_event
    from jianfu.burden.choices import Kind

    day = timezone.localdate().replace(day=1)
    for i, minutes in enumerate((600, 450, 300, 150, 60)):
        do_record_event(actor=world.township_officer, kind=Kind.INSPECTION, convener=world.chengguan, title=f"检查{i}",
                        occurred_on=day - dt.timedelta(days=40 * i), minutes=minutes, communities=[world.dongguan],
                        reason="专项检查")  # fmt: skip


def _serious(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations'], runOnly: ['wcag2a', 'wcag2aa', 'best-practice']})"
    )
    out = []
    for v in result["violations"]:
        if v["impact"] in ("serious", "critical"):
            targets = [",".join(n["target"]) for n in v["nodes"][:3]]
            out.append(f"{v['id']} ({v['impact']}): {v['help']} — {targets}")
    return out


@pytest.mark.parametrize("mobile", [False, True], ids=["desktop", "phone"])
def test_the_main_pages_have_no_serious_accessibility_violation(page_for, world, mobile):
    assert AXE.exists(), "axe-core is missing: npm ci"
    publish_lists(world)
    _busy_month(world)  # the dashboard's heat table with every shade, for colour contrast
    problems = {}
    for persona, urls in PAGES.items():
        page = page_for(persona, mobile=mobile, bypass_csp=True)
        if not mobile:
            page.set_viewport_size({"width": 1366, "height": 768})
        for url in urls:
            page.goto(url)
            found = _serious(page)
            if found:
                problems[f"{persona or 'anon'} {url}"] = found
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
