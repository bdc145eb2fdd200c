"""Gate benchmark: the gate check against a published list (2,000 items, or ``--items N``), and one
send to 300 communities.

    ./jianfu bench gate_bench                  (SQLite in a temporary directory)
    ./jianfu bench gate_bench --items 10000    (issue 17: p95 < 20 ms at 10,000 items)
    JIANFU_DATABASE_URL=postgres://… ./jianfu bench gate_bench

Builds its own county (610999, not the demo's) with 300 communities and a published version of
2,000 realistic items, then measures:
  * the index built at publication (``matching.index.prebuild``, run after commit by the publish
    hook), then the FIRST gate check after that publish in a process that has never seen the
    version (its in-memory cache cleared: it loads the stored snapshot), as every other worker does,
  * gate.check p50/p95 over 300 varied task texts (index warm, as in a running server),
  * do_send_task to all 300 communities (one Dispatch, 300 Task rows, one audit entry).
Targets (issue 4, tightened by issue 10): gate p95 < 20 ms; the 300-community send < 2 s.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
if not os.environ.get("JIANFU_DATABASE_URL"):
    os.environ["JIANFU_DATA_DIR"] = tempfile.mkdtemp(prefix="jianfu-gate-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jianfu.settings")
os.environ.setdefault("JIANFU_DEMO", "1")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

call_command("migrate", verbosity=0)

from jianfu.catalog.choices import Category, VersionStatus  # noqa: E402
from jianfu.catalog.models import ListItem, ListVersion  # noqa: E402
from jianfu.dispatch import actions, gate  # noqa: E402
from jianfu.matching.index import clear_cache, prebuild  # noqa: E402
from jianfu.orgs.actions import do_create_org, do_create_user  # noqa: E402
from jianfu.orgs.choices import OrgKind, Role  # noqa: E402
from jianfu.orgs.models import Org, User  # noqa: E402

COUNTY = "610999"
ACTS = [
    "协助开展",
    "组织开展",
    "配合做好",
    "协助做好",
    "宣传",
    "摸排登记",
    "入户核查",
    "动员居民参加",
    "统计上报",
    "走访慰问",
]
OBJECTS = [
    "老年人健康体检", "慢性病患者随访", "适龄儿童疫苗接种", "城乡居民医疗保险参保", "养老保险待遇资格认证", "低保对象",
    "特困人员", "残疾人两项补贴", "退役军人信息采集", "流动人口登记", "出租房屋信息", "独居老人关爱", "留守儿童",
    "就业困难人员", "高校毕业生就业", "防汛避险转移", "森林防火", "食品安全宣传", "禁毒宣传", "反诈宣传", "普法宣传",
    "垃圾分类", "爱国卫生运动", "文明城市创建", "志愿服务", "邻里互助", "矛盾纠纷排查", "社区议事协商", "居民公约修订",
    "人口普查", "经济普查", "农业普查", "征兵宣传", "义务教育入学", "计划生育奖励扶助", "高龄津贴", "临时救助",
    "危房改造", "燃气安全", "电动车充电安全", "地质灾害隐患点巡查", "健康教育讲座", "家庭医生签约", "心理健康服务",
]  # fmt: skip
NEGATIVE = [
    ("行政执法检查", "社区不作为行政执法主体"),
    ("征地拆迁", "拆迁拆违由职能部门负责"),
    ("招商引资指标", "不得下达招商任务"),
    ("企业安全生产检查", "生产经营单位安全检查由执法部门负责"),
    ("占道经营整治", "城市管理由城管部门负责"),
    ("协税护税", "不得下达税费征收任务"), ("签订目标责任书", "不得要求社区签订责任状"),
]  # fmt: skip


def build(n_items: int) -> tuple[Org, User, ListVersion]:
    county = Org.objects.filter(code=COUNTY).first()
    if county is None:
        with transaction.atomic():
            county = do_create_org(actor=None, code=COUNTY, name="基准县", kind=OrgKind.COUNTY, parent=None)
            do_create_org(
                actor=None, code=f"{COUNTY}D04", name="基准县卫生健康局", kind=OrgKind.DEPARTMENT, parent=county
            )
            for t in range(10):
                town = do_create_org(
                    actor=None, code=f"{COUNTY}{100 + t:03d}", name=f"第{t + 1}镇", kind=OrgKind.TOWNSHIP, parent=county
                )
                for c in range(30):
                    do_create_org(
                        actor=None, code=f"{town.code}{c + 1:03d}", name=f"第{t + 1}镇{c + 1}社区",
                        kind=OrgKind.COMMUNITY, parent=town,
                    )  # fmt: skip
            do_create_user(
                actor=None, username="bench_dept", full_name="基准", org=Org.objects.get(code=f"{COUNTY}D04"),
                role=Role.DEPT_OFFICER, password="x", _skip_password_validation=True,
            )  # fmt: skip
    version = ListVersion.objects.filter(org=county, status=VersionStatus.PUBLISHED).first()
    if version is not None and version.items.count() != n_items:
        ListItem.objects.filter(version=version).delete()
        version.delete()
        version = None
    if version is None:
        rng = random.Random(4)
        version = ListVersion.objects.create(
            org=county, region_code=COUNTY, status=VersionStatus.DRAFT, title="基准清单"
        )
        rows = []
        cats = [Category.ASSIST, Category.DUTY, Category.SERVICE, Category.FORM, Category.CERTIFICATE]
        for n in range(n_items):
            if n < len(NEGATIVE) * 3:
                title, scope = NEGATIVE[n % len(NEGATIVE)]
                title, cat = f"{title}（{n // len(NEGATIVE) + 1}）", Category.NEGATIVE
            else:
                title = f"{rng.choice(ACTS)}{rng.choice(OBJECTS)}{rng.choice(['', '工作', '专项行动', '信息核对'])}"
                scope, cat = f"{rng.choice(ACTS)}{rng.choice(OBJECTS)}，{rng.choice(OBJECTS)}", rng.choice(cats)
            rows.append(
                ListItem(
                    version=version, region_code=COUNTY, code=f"B-{n:04d}", title=title, category=cat, scope=scope,
                    basis="《中华人民共和国城市居民委员会组织法》", sort_order=n,
                )
            )  # fmt: skip
        ListItem.objects.bulk_create(rows, batch_size=500)
        ListVersion.objects.filter(pk=version.pk).update(
            status=VersionStatus.PUBLISHED, number=1, published_at=timezone.now()
        )
        version.refresh_from_db()
    return county, User.objects.get(username="bench_dept"), version


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    n_items = int(sys.argv[sys.argv.index("--items") + 1]) if "--items" in sys.argv else 2000
    _county, user, version = build(n_items)
    community = Org.objects.filter(kind=OrgKind.COMMUNITY, region_code__startswith=COUNTY).first()
    print(f"数据库：{django.db.connection.vendor}；清单事项 {version.items.count()} 项；社区 "
          f"{Org.objects.filter(kind=OrgKind.COMMUNITY, region_code__startswith=COUNTY).count()} 个")  # fmt: skip
    rng = random.Random(7)
    texts = [
        (f"{rng.choice(ACTS)}{rng.choice(OBJECTS)}", f"请各社区{rng.choice(ACTS)}{rng.choice(OBJECTS)}，按时反馈。")
        for _ in range(300)
    ]
    from jianfu.matching.models import IndexSnapshot

    IndexSnapshot.objects.filter(version=version).delete()  # as just published: no snapshot yet
    clear_cache()
    t0 = time.perf_counter()
    prebuild(version)  # what the publish hook runs after commit
    built = (time.perf_counter() - t0) * 1000
    firsts = []
    for title, description in texts[:5]:  # five fresh processes, each with its first check
        clear_cache()
        t0 = time.perf_counter()
        gate.check(community, title=title, description=description)
        firsts.append((time.perf_counter() - t0) * 1000)
    times = []
    verdicts: dict[str, int] = {}
    for title, description in texts:
        t0 = time.perf_counter()
        result = gate.check(community, title=title, description=description)
        times.append((time.perf_counter() - t0) * 1000)
        verdicts[result.verdict] = verdicts.get(result.verdict, 0) + 1
    print(f"发布时建索引（发布后台完成，不在用户请求内）：{built:.0f} ms")
    print(f"发布后各进程的首次审查（读取索引快照）：{'，'.join(f'{t:.1f}' for t in firsts)} ms")
    print(f"清单审查 {len(times)} 次：p50 {statistics.median(times):.2f} ms，p95 {pct(times, 95):.2f} ms，"
          f"最大 {max(times):.2f} ms（目标 p95 < 20 ms）；结论分布 {verdicts}")  # fmt: skip

    sends = []
    for i in range(3):
        data = {
            "targets": [COUNTY], "title": f"协助开展老年人健康体检工作（第{i + 1}批）", "description": "",
            "expected_minutes": 60, "list_item_code": "", "application_id": None, "deadline": "",
        }  # fmt: skip
        t0 = time.perf_counter()
        dispatch = actions.do_send_task(actor=user, data=data, confirm_unlisted=True)
        sends.append(time.perf_counter() - t0)
        assert dispatch.tasks.count() == 300
    print(f"派发一项任务至 300 个社区（{len(sends)} 次）：" + "，".join(f"{s:.3f} s" for s in sends) + "（目标 < 2 s）")


if __name__ == "__main__":
    main()
