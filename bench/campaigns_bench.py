"""Campaign report benchmark: one county's campaign with 30 townships (420 ledger rows, 300
整改 items, monthly reports), timing what the county opens most.

    ./jianfu.sh bench campaigns_bench            (SQLite in a temporary directory)
    JIANFU_DATABASE_URL=postgres://… ./jianfu.sh bench campaigns_bench

Builds its own county (610997, not the demo's) through the real actions, then measures p50/p95 of
``selectors.progress`` (every township's line), the report page, the Excel export and
``GET /api/v1/campaigns/{id}/ledger`` for the county (all rows). No target in the issue; this
records the cost so a regression shows.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
if not os.environ.get("JIANFU_DATABASE_URL"):
    os.environ["JIANFU_DATA_DIR"] = tempfile.mkdtemp(prefix="jianfu-campaigns-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jianfu.settings")
os.environ.setdefault("JIANFU_DEMO", "1")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

call_command("migrate", verbosity=0)

from jianfu.campaigns import actions, selectors  # noqa: E402
from jianfu.campaigns.exports import report_workbook  # noqa: E402
from jianfu.campaigns.models import Campaign  # noqa: E402
from jianfu.orgs.actions import do_create_org, do_create_user  # noqa: E402
from jianfu.orgs.choices import DeptKind, OrgKind, Role  # noqa: E402
from jianfu.orgs.models import Org, User  # noqa: E402

COUNTY = "610997"
TOWNSHIPS = 30
RUNS = 30


def build() -> tuple[User, Campaign]:
    lead = User.objects.filter(username="bench_campaign_mzj").first()
    if lead is not None:
        return lead, Campaign.objects.within(COUNTY).get()
    city = Org.objects.filter(code="610900").first() or do_create_org(
        actor=None, code="610900", name="安康市", kind=OrgKind.CITY, parent=None
    )
    county = do_create_org(actor=None, code=COUNTY, name="基准县", kind=OrgKind.COUNTY, parent=city)
    mzj = do_create_org(
        actor=None, code=f"{COUNTY}D02", name="基准县民政局", kind=OrgKind.DEPARTMENT, parent=county,
        dept_kind=DeptKind.CIVIL_AFFAIRS,
    )  # fmt: skip
    lead = do_create_user(
        actor=None, username="bench_campaign_mzj", full_name="基准", org=mzj, role=Role.LIST_OWNER,
        password="Bench-password-2026", _skip_password_validation=True,
    )  # fmt: skip
    towns = []
    for t in range(TOWNSHIPS):
        town = do_create_org(
            actor=None, code=f"{COUNTY}{100 + t}", name=f"第{t + 1}镇", kind=OrgKind.TOWNSHIP, parent=county
        )
        do_create_org(actor=None, code=f"{town.code}001", name=f"第{t + 1}镇社区", kind=OrgKind.COMMUNITY, parent=town)
        officer = do_create_user(
            actor=None, username=f"bench_campaign_t{t}", full_name="镇", org=town, role=Role.TOWNSHIP_OFFICER,
            password="Bench-password-2026", _skip_password_validation=True,
        )  # fmt: skip
        towns.append((town, officer))
    today = timezone.localdate()
    d = lambda n: today + dt.timedelta(days=n)  # noqa: E731
    campaign = actions.do_create_campaign(
        actor=lead, title="基准专项行动", basis="基准文件",
        tasksets=["certificates", "plaques", "meetings", "apps", "evaluations"],
        stages=[("实施", d(-200), d(-61)), ("检查评估", d(-60), d(-31)), ("整改落实", d(-30), d(60))],
    )  # fmt: skip
    actions.do_start_campaign(campaign, actor=lead)
    for n, (town, officer) in enumerate(towns):
        for k, item in enumerate(campaign.items.filter(township=town).order_by("id")):
            if (n + k) % 3:
                actions.do_update_item(item, actor=officer, status="done", owner="镇", note="完成")
        actions.do_record_inspection(
            campaign, actor=lead, target=Org.objects.get(code=f"{town.code}001"), date=d(-40), group="联合检查组",
            method="covert", findings="\n".join(f"问题{j}" for j in range(10)), deadline=d(-5 + n % 10),
        )  # fmt: skip
        for back in (5, 4, 3, 2):
            month = (today.replace(day=1) - dt.timedelta(days=30 * back)).replace(day=1)
            actions.do_submit_report(campaign, actor=officer, month=f"{month:%Y-%m}", text="进展")
    return lead, campaign


def timed(label: str, fn: Callable[[], object]) -> None:
    fn()  # warm
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p95 = samples[int(len(samples) * 0.95) - 1]
    print(f"{label:<40} p50 {statistics.median(samples):7.1f} ms   p95 {p95:7.1f} ms")


def main() -> None:
    settings.ALLOWED_HOSTS = ["*"]
    started = time.perf_counter()
    lead, campaign = build()
    print(f"built in {time.perf_counter() - started:.1f} s: {campaign.items.count()} ledger rows, "
          f"{campaign.findings.count()} 整改 items, {campaign.reports.count()} monthly reports, "
          f"{TOWNSHIPS} townships ({settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]})")  # fmt: skip
    client = Client()
    client.force_login(lead)
    timed("selectors.progress (30 townships)", lambda: selectors.progress(lead, campaign))
    timed("report page /campaigns/<id>/report/", lambda: client.get(f"/campaigns/{campaign.pk}/report/"))
    rows = selectors.progress(lead, campaign)
    findings = list(selectors.findings_for(lead, campaign))
    timed("Excel workbook (build only)", lambda: report_workbook(campaign, rows, findings))
    timed(
        "GET /api/v1/campaigns/{id}/ledger (420)",
        lambda: client.get(f"/api/v1/campaigns/{campaign.pk}/ledger?limit=500"),
    )


if __name__ == "__main__":
    main()
