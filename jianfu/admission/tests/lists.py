"""A small published list version for tests (the catalog UI is built elsewhere)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone

from jianfu.catalog.choices import Category, VersionStatus
from jianfu.catalog.models import ListItem, ListVersion

ITEMS = [
    (
        "A-01",
        "协助开展老年人健康体检和慢性病随访",
        Category.ASSIST,
        "组织老年人到卫生院体检，入户随访高血压、糖尿病患者",
    ),
    ("A-02", "协助开展城乡居民基本医疗保险参保登记宣传", Category.ASSIST, "宣传参保政策，动员居民按时参保缴费"),
    ("A-03", "协助做好退役军人信息采集和走访慰问", Category.ASSIST, "联系退役军人，协助走访慰问"),
    ("A-04", "协助开展重点人群疫苗接种动员", Category.ASSIST, "通知居民接种疫苗，组织动员适龄儿童和老年人"),
    ("D-01", "组织居民开展民主协商议事", Category.DUTY, "召开居民议事会，协商解决公共事务"),
    ("D-02", "开展社区志愿服务活动", Category.DUTY, "组织志愿者开展邻里互助"),
    ("S-01", "为高龄老人代办高龄津贴申领", Category.SERVICE, "代办高龄津贴申请材料"),
    ("F-01", "社区人口基本信息统计表", Category.FORM, "每年更新人口基本信息"),
    ("N-01", "社区作为行政执法主体开展执法检查", Category.NEGATIVE, "行政执法、执法检查、行政处罚"),
    ("N-02", "征地拆迁和拆除违法建设", Category.NEGATIVE, "拆迁拆违、违建拆除"),
    ("N-03", "承担招商引资任务指标", Category.NEGATIVE, "招商引资、项目引进指标考核"),
    ("N-04", "对辖区企业开展安全生产检查", Category.NEGATIVE, "企业安全生产隐患排查、消防安全检查"),
    ("N-05", "环境卫生整治考核排名", Category.NEGATIVE, "环境整治、城市管理考核"),
]


def publish_lists(world: Any, *, number: int = 1, extra: list[tuple[str, str, str, str]] | None = None) -> ListVersion:
    """Publish a version of 汉阴县's lists with the items above (plus ``extra``)."""
    version = ListVersion.objects.create(
        org=world.county,
        region_code=world.county.region_code,
        status=VersionStatus.DRAFT,
        title="汉阴县社区工作事项清单",
    )
    for n, (code, title, category, scope) in enumerate(ITEMS + (extra or []), start=1):
        ListItem.objects.create(
            version=version,
            region_code=world.county.region_code,
            code=code,
            title=title,
            category=category,
            basis="《中华人民共和国城市居民委员会组织法》" if category != Category.NEGATIVE else "",
            department=world.wjj if category == Category.ASSIST else None,
            scope=scope,
            community_roles=["contact", "mobilise"] if category == Category.ASSIST else [],
            funding_amount=Decimal("2000") if category == Category.ASSIST else None,
            funding_source="县财政" if category == Category.ASSIST else "",
            minutes_per_occurrence=60,
            sort_order=n,
        )
    ListVersion.objects.filter(pk=version.pk).update(
        status=VersionStatus.PUBLISHED, number=number, published_at=timezone.now(), effective_date=timezone.localdate()
    )
    version.refresh_from_db()
    return version
