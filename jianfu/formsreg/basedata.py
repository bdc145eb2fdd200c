"""The community's base data (社区基础信息): the facts every form keeps asking for, kept once.

Each entry is one indicator a community holds about itself — households, residents by age band,
低保/特困/残疾/高龄 counts, grids and buildings… — with the department that owns its source
(一数一源: the figure comes from that department's system or the community's own count, and every
form that needs it reads it from here). The names and synonyms are the way department forms
actually label these figures; the matcher (``matcher.py``) maps a registered field to one of these
keys when its name, unit and definition agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _l

from .choices import FieldType


@dataclass(frozen=True)
class BaseKey:
    key: str
    name: str
    unit: str
    owner: str  # the department whose system is the source (名称, matched against org names)
    synonyms: tuple[str, ...] = field(default_factory=tuple)
    type: str = FieldType.INTEGER
    definition: str = ""
    group: str = ""


BASE_KEYS: tuple[BaseKey, ...] = (
    # 人口与户
    BaseKey(
        "households", "户数", "户", "公安局", ("总户数", "辖区户数", "常住户数", "居民户数", "住户数"), group="人口"
    ),
    BaseKey(
        "residents",
        "常住人口",
        "人",
        "统计局",
        ("常住人口数", "常住人数", "实有人口", "居住人口", "总人口"),
        group="人口",
    ),
    BaseKey("registered", "户籍人口", "人", "公安局", ("户籍人口数", "户籍人数", "户口人数"), group="人口"),
    BaseKey("floating", "流动人口", "人", "公安局", ("流动人口数", "外来人口", "暂住人口"), group="人口"),
    BaseKey("age_0_17", "0-17岁人口", "人", "统计局", ("未成年人数", "18岁以下人口", "未成年人口"), group="人口"),
    BaseKey("age_18_59", "18-59岁人口", "人", "统计局", ("劳动年龄人口",), group="人口"),
    BaseKey(
        "age_60",
        "60岁及以上老年人",
        "人",
        "民政局",
        ("60岁以上老年人数", "老年人口", "老年人数", "60周岁以上老人", "60岁以上人口"),
        definition="年满60周岁",
        group="人口",
    ),
    BaseKey(
        "age_80",
        "80岁及以上高龄老人",
        "人",
        "民政局",
        ("高龄老人数", "80岁以上老人", "高龄老年人", "80周岁以上老人"),
        definition="年满80周岁",
        group="人口",
    ),
    # 救助与保障
    BaseKey(
        "dibao_households", "低保户数", "户", "民政局", ("城乡低保户数", "最低生活保障户数", "低保家庭数"), group="救助"
    ),
    BaseKey(
        "dibao_persons", "低保人数", "人", "民政局", ("低保对象人数", "最低生活保障人数", "低保人口"), group="救助"
    ),
    BaseKey("tekun", "特困供养人员", "人", "民政局", ("特困人员数", "特困供养人数", "五保人数"), group="救助"),
    BaseKey("disabled", "持证残疾人", "人", "残疾人联合会", ("残疾人数", "持证残疾人数", "残疾人口"), group="救助"),
    BaseKey("empty_nest", "空巢老人", "人", "民政局", ("空巢老人数", "独居老人数", "独居老人"), group="救助"),
    BaseKey("left_children", "留守儿童", "人", "民政局", ("留守儿童数", "农村留守儿童"), group="救助"),
    BaseKey("veterans", "退役军人", "人", "退役军人事务局", ("退役军人数", "退伍军人数"), group="救助"),
    BaseKey(
        "unemployed",
        "登记失业人员",
        "人",
        "人力资源和社会保障局",
        ("失业人数", "登记失业人数", "失业人员数"),
        group="就业",
    ),
    BaseKey(
        "insured_pension",
        "参加养老保险人数",
        "人",
        "人力资源和社会保障局",
        ("养老保险参保人数", "参保人数"),
        group="就业",
    ),
    BaseKey(
        "insured_medical", "参加医疗保险人数", "人", "医疗保障局", ("医保参保人数", "医疗保险参保人数"), group="就业"
    ),
    # 组织与治理
    BaseKey("grids", "网格数", "个", "政法委", ("网格数量", "划分网格数"), group="治理"),
    BaseKey("buildings", "楼栋数", "栋", "住房和城乡建设局", ("楼栋数量", "住宅楼栋数", "楼院数"), group="治理"),
    BaseKey("party_members", "党员数", "人", "组织部", ("党员人数", "在册党员数", "党员总数"), group="治理"),
    BaseKey("volunteers", "注册志愿者", "人", "文明办", ("志愿者人数", "注册志愿者人数", "志愿者数"), group="治理"),
    BaseKey("social_orgs", "社区社会组织", "个", "民政局", ("社会组织数", "社区社会组织数"), group="治理"),
    BaseKey("area", "辖区面积", "平方公里", "自然资源局", ("面积", "辖区总面积"), type=FieldType.DECIMAL, group="治理"),
    BaseKey("staff", "社区工作者", "人", "民政局", ("社区工作人员数", "社工人数", "工作人员数"), group="治理"),
)

BY_KEY = {b.key: b for b in BASE_KEYS}


def label(key: str) -> str:
    base = BY_KEY.get(key)
    return base.name if base else key


GROUP_LABELS = {"人口": _l("人口与户"), "救助": _l("救助与保障"), "就业": _l("就业与社保"), "治理": _l("组织与治理")}
