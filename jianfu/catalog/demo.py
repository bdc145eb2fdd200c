"""Demo lists of 汉阴县 (610921): a first published version built from what the seeds say, and a
second, slimmer one, so that the diff and the reduction figures show from the first minute.

Sources: the statutory duties of the 居民委员会组织法 (第三条、第四条) and 村民委员会组织法; the 协助
items with departments and funding (费随事转, seed 000 篇一/二); the certificate scope of seed 000
篇四/五 (居住、政审、申请救助…志愿服务); the negative list of seed 004 (行政执法、拆迁拆违、环境整治、
城市管理、招商引资 as 责任主体, and safety/illegality inspections of businesses, seed 002 池阳街道);
plaques and 对口挂牌 (seed 000/003); seed 002's "four lists" for the version-2 clean-up.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from jianfu.orgs.models import Org

from .actions import do_add_item, do_delete_item, do_open_draft, do_publish_version, do_update_item
from .forms import ItemForm
from .models import ListVersion

COUNTY = "610921"
RJZ = "《中华人民共和国城市居民委员会组织法》"
CMZ = "《中华人民共和国村民委员会组织法》"
PLAN = "《汉阴县开展社区建设提升年工作实施方案》"
CERT = "《关于深化村（社区）证明事项清理工作的通知》"
JF = "《关于持续深化城乡社区减负增效工作的若干措施》"

# Provenance (出处) of the demo items. The two laws and seed 001's county plan are real documents;
# the county's own 2025 measures and certificate notice are the demo's (no 文号 is invented for them).
LAW_RJZ = {
    "statutory": True,
    "issuer": "全国人民代表大会常务委员会",
    "issued_on": "1989-12-26",
    "source_level": "national",
    "bodies": "居委会",
    "community_types": "城市社区",
    "adopted_from": "《中华人民共和国城市居民委员会组织法》（1989 年通过，2018 年修正）",
}
LAW_CMZ = {
    "statutory": True,
    "issuer": "全国人民代表大会常务委员会",
    "issued_on": "1998-11-04",
    "source_level": "national",
    "bodies": "村委会、集体经济组织",
    "community_types": "农村社区、涉农社区",
    "adopted_from": "《中华人民共和国村民委员会组织法》（1998 年通过，2018 年修正）",
}
SEED_001 = {
    "issuer": "汉阴县人民政府办公室",
    "doc_number": "汉政办发〔2016〕88号",
    "issued_on": "2016-07-13",
    "source_level": "county",
    "adopted_from": "安康市政府办《转发市民政局关于开展社区建设提升年工作的实施意见的通知》（安政办发〔2016〕7号）",
}
COUNTY_2025 = {
    "issuer": "中共汉阴县委办公室、汉阴县人民政府办公室",
    "issued_on": "2025-02-20",
    "source_level": "county",
    "batch": "2025 年版",
}
CERT_BATCH = {**COUNTY_2025, "issuer": "汉阴县民政局、汉阴县司法局", "batch": "第一批"}


def _provenance(basis: str) -> dict[str, Any]:
    if basis.startswith(CMZ):
        return dict(LAW_CMZ)
    if basis.startswith(RJZ):
        return dict(LAW_RJZ)
    if basis == PLAN:
        return dict(SEED_001)
    return dict(COUNTY_2025)


# 印章使用范围 (seed 001: "县民政部门要统一制订社区印章使用范围清单…社区不再出具超出公章使用范围的
# 各类证明"): (code, title, keep)
SEALS = [
    ("YZ-01", "出具证明事项清单所列的证明", True),
    ("YZ-02", "以村（居）民委员会名义对外行文、报送工作报告", True),
    ("YZ-03", "村（居）民会议决定事项的协议、合同用印", False),
]
SEAL_CONDITIONS = "社区不再出具超出公章使用范围的各类证明；印章由专人保管，用印登记。"

# (code, title, basis, minutes, times, unit, applies, keep in v2)
DUTIES = [
    (
        "LZ-01",
        "宣传宪法、法律、法规和国家政策，教育居民履行依法应尽的义务",
        f"{RJZ}第三条第一项",
        120,
        1,
        "month",
        "both",
        True,
    ),
    ("LZ-02", "办理本居住地区居民的公共事务和公益事业", f"{RJZ}第三条第二项", 240, 1, "month", "both", True),
    ("LZ-03", "调解民间纠纷", f"{RJZ}第三条第三项；《人民调解法》", 90, 3, "month", "both", True),
    ("LZ-04", "协助维护社会治安", f"{RJZ}第三条第四项", 60, 2, "month", "both", True),
    (
        "LZ-05",
        "向人民政府或者派出机关反映居民的意见、要求和提出建议",
        f"{RJZ}第三条第六项",
        60,
        1,
        "month",
        "both",
        True,
    ),
    ("LZ-06", "召集居民会议、居民代表会议，报告工作", f"{RJZ}第四条、第九条", 180, 4, "year", "urban", True),
    (
        "LZ-07",
        "召集村民会议、村民代表会议，讨论决定涉及村民利益的事项",
        f"{CMZ}第二十一条至第二十六条",
        180,
        4,
        "year",
        "village",
        True,
    ),
    ("LZ-08", "居务公开", f"{RJZ}第十条", 60, 1, "month", "urban", True),
    ("LZ-09", "村务公开和民主理财", f"{CMZ}第三十条", 60, 1, "month", "village", True),
    ("LZ-10", "依法管理本村属于村农民集体所有的土地和其他财产", f"{CMZ}第八条", 120, 1, "month", "village", True),
    ("LZ-11", "制定和执行居民公约、村规民约", f"{CMZ}第二十七条；{RJZ}第十五条", 60, 1, "quarter", "both", True),
    ("LZ-12", "开展便民利民的社区服务活动", f"{RJZ}第四条", 120, 1, "month", "both", False),
    ("LZ-13", "开展群众性的精神文明建设活动", f"{RJZ}第三条第二项", 120, 1, "month", "both", False),
    ("LZ-14", "村（居）民委员会成员民主评议", f"{CMZ}第三十三条", 120, 1, "year", "both", False),
    (
        "LZ-15",
        "村（居）民委员会换届选举（五年一届）",
        f"{CMZ}第十一条；{RJZ}第八条",
        2400,
        Decimal("0.2"),
        "year",
        "both",
        False,
    ),
    ("LZ-16", "组织居民开展社区文化、体育、卫生活动", f"{RJZ}第四条", 120, 1, "month", "both", False),
]

# (code, title, department, roles, funding, minutes, times, unit, applies, keep)
ASSIST = [
    (
        "XZ-01",
        "协助开展城乡居民基本医疗保险参保宣传",
        "医疗保障局",
        "宣传教育、联系居民",
        3000,
        60,
        2,
        "year",
        "both",
        True,
    ),
    ("XZ-02", "协助开展最低生活保障对象入户核查", "民政局", "协助入户、发现报告", 8000, 60, 1, "month", "both", True),
    ("XZ-03", "协助开展高龄津贴申报", "民政局", "联系居民", 2000, 30, 1, "quarter", "both", True),
    (
        "XZ-04",
        "协助残疾人证办理及两项补贴申请",
        "残疾人联合会",
        "联系居民、协助入户",
        3000,
        45,
        1,
        "quarter",
        "both",
        True,
    ),
    (
        "XZ-05",
        "协助走访慰问优抚对象，采集退役军人信息",
        "退役军人事务局",
        "联系居民、协助入户",
        4000,
        60,
        2,
        "year",
        "both",
        True,
    ),
    (
        "XZ-06",
        "协助城乡居民养老保险参保登记",
        "人力资源和社会保障局",
        "宣传教育、联系居民",
        4000,
        60,
        1,
        "quarter",
        "both",
        True,
    ),
    (
        "XZ-07",
        "协助就业困难人员登记和就业援助宣传",
        "人力资源和社会保障局",
        "宣传教育、发现报告",
        3000,
        45,
        1,
        "month",
        "both",
        False,
    ),
    ("XZ-08", "协助确认计划生育奖励扶助对象", "卫生健康局", "联系居民", 2000, 60, 1, "year", "both", True),
    ("XZ-09", "协助组织老年人健康体检", "卫生健康局", "组织动员、联系居民", 5000, 120, 1, "year", "both", True),
    ("XZ-10", "协助开展疫苗接种宣传动员", "卫生健康局", "宣传教育、组织动员", 2000, 60, 1, "quarter", "both", False),
    ("XZ-11", "协助开展禁毒宣传", "公安局", "宣传教育", 1500, 60, 1, "quarter", "both", False),
    ("XZ-12", "协助流动人口和出租房屋信息登记", "公安局", "联系居民、发现报告", 6000, 120, 1, "month", "urban", True),
    ("XZ-13", "协助防汛避险和群众转移", "应急管理局", "组织动员、说服劝导", 5000, 240, 2, "year", "both", True),
    (
        "XZ-14",
        "排查登记辖区生产经营单位安全隐患",
        "应急管理局",
        "协助入户、发现报告",
        2000,
        240,
        2,
        "month",
        "both",
        False,
    ),
    ("XZ-15", "协助开展人口普查、经济普查等统计调查", "统计局", "协助入户", 6000, 600, 1, "year", "both", False),
    (
        "XZ-16",
        "协助开展法治宣传和社区矫正对象帮教",
        "司法局",
        "宣传教育、说服劝导",
        2000,
        60,
        1,
        "quarter",
        "both",
        False,
    ),
    ("XZ-17", "协助控辍保学劝返", "教育体育科技局", "说服劝导、发现报告", 2000, 120, 2, "year", "both", False),
    (
        "XZ-18",
        "协助农村人居环境整治宣传发动",
        "农业农村局",
        "宣传教育、组织动员",
        3000,
        120,
        1,
        "month",
        "village",
        False,
    ),
    ("XZ-19", "巡查上报辖区违法建设", "住房和城乡建设局", "发现报告", 1000, 120, 1, "week", "both", False),
    ("XZ-20", "协助开展食品安全宣传", "市场监督管理局", "宣传教育", 1000, 60, 1, "quarter", "both", False),
]

# (code, title, basis, minutes, times, unit, applies, keep)
SERVICES = [
    ("FW-01", "社区居家养老服务（日间照料、助餐）", "《陕西省养老服务条例》", 240, 1, "week", "both", True),
    ("FW-02", "“四点半课堂”等青少年课后服务", PLAN, 120, 1, "week", "urban", True),
    (
        "FW-03",
        "社保、医保、残疾人证等政务服务事项代办",
        "《关于加强村（社区）便民服务站建设的意见》",
        60,
        1,
        "week",
        "both",
        True,
    ),
    ("FW-04", "困难群众关爱帮扶", "《社会救助暂行办法》", 60, 2, "month", "both", True),
    ("FW-05", "社区志愿服务组织和时长记录", "《志愿服务条例》", 60, 1, "month", "both", False),
    ("FW-06", "社区文化体育活动组织", PLAN, 180, 1, "month", "both", False),
    ("FW-07", "健康讲座和健康知识普及", "《基本医疗卫生与健康促进法》", 90, 1, "quarter", "both", False),
    (
        "FW-08",
        "法律咨询和公共法律服务联络",
        "《关于加快推进公共法律服务体系建设的意见》",
        60,
        1,
        "month",
        "both",
        False,
    ),
]

# (code, title, scope, in v1)
NEGATIVE = [
    ("FM-01", "行政执法（社区不作为执法责任主体）", "社区不承担行政执法职责，不得以社区名义开展执法、处罚。", True),
    ("FM-02", "拆迁拆违（社区不作为责任主体）", "征收拆迁、拆除违法建设由职能部门负责，社区只做宣传和发现报告。", True),
    ("FM-03", "环境整治（社区不作为责任主体）", "环境整治的责任主体为职能部门，不得将考核责任转嫁社区。", True),
    ("FM-04", "城市管理（社区不作为责任主体）", "占道经营、市容秩序等城市管理事项由城市管理部门负责。", True),
    ("FM-05", "招商引资（社区不作为责任主体）", "不得向社区下达招商引资任务和指标。", True),
    (
        "FM-06",
        "以社区为责任主体的生产经营单位安全与违法执法检查",
        "不得要求社区排查登记生产经营单位安全与违法情况，由执法主体单位负责。",
        False,
    ),
    ("FM-07", "协税护税、清欠收费等经济指标任务", "不得向社区下达税费征收、清欠等经济指标。", False),
    ("FM-08", "以社区名义签订安全生产、消防等目标责任书", "不得要求社区签订超出其职责的各类责任状。", False),
]

# Allowed certificates (seed 000 篇四/五): (code, title, keep)
CERTS_ALLOWED = [
    ("ZM-01", "居住证明", True),
    ("ZM-02", "政审证明（配合政审）", True),
    ("ZM-03", "申请社会救助情况证明", False),
    ("ZM-04", "抚恤对象情况证明", False),
    ("ZM-05", "高龄津贴申领证明", False),
    ("ZM-06", "残疾保障情况证明", False),
    ("ZM-07", "社会保险办理证明", False),
    ("ZM-08", "计划生育和婚育情况证明", True),
    ("ZM-09", "就业扶持证明", True),
    ("ZM-10", "子女助学金申请证明", False),
    ("ZM-11", "学杂费减免证明", False),
    ("ZM-12", "青少年课外实践证明", True),
    ("ZM-13", "志愿服务证明", True),
    ("ZM-14", "亲属关系证明", True),
    ("ZM-15", "家庭收入证明", False),
    ("ZM-16", "婚姻状况证明", False),
    ("ZM-17", "健在证明", False),
    ("ZM-18", "经营场所证明", False),
    ("ZM-19", "无房证明", False),
]
CERTS_FORBIDDEN = [
    ("ZJ-01", "无犯罪记录证明", "由公安机关出具，不得要求社区开具。"),
    ("ZJ-02", "房屋产权归属证明", "由不动产登记机构查询，不得要求社区开具。"),
    ("ZJ-03", "遗产继承、债权债务等带有法律或经济责任的证明", "带有法律或经济责任的证明一律不得要求社区出具。"),
]

# (code, title, department, minutes, times, unit, keep)
FORMS = [
    ("BG-01", "社区基本情况统计表", "民政局", 120, 1, "quarter", True),
    ("BG-02", "低保对象动态管理台账", "民政局", 90, 1, "month", True),
    ("BG-03", "高龄老人信息统计表", "民政局", 60, 1, "quarter", False),
    ("BG-04", "残疾人基本信息动态更新表", "残疾人联合会", 90, 1, "quarter", False),
    ("BG-05", "退役军人和其他优抚对象信息采集表", "退役军人事务局", 240, 1, "year", True),
    ("BG-06", "流动人口登记月报表", "公安局", 120, 1, "month", False),
    ("BG-07", "安全生产隐患排查月报表", "应急管理局", 180, 1, "month", False),
    ("BG-08", "爱国卫生运动检查记录表", "卫生健康局", 60, 1, "month", False),
    ("BG-09", "就业失业登记月报表", "人力资源和社会保障局", 90, 1, "month", False),
    ("BG-10", "食品安全信息员工作报表", "市场监督管理局", 60, 1, "month", False),
]

# (code, category, title, department, basis, minutes, times, unit, keep)
OTHERS = [
    (
        "JP-01",
        "mechanism",
        "社区党组织、居民委员会（村民委员会）牌子",
        "组织部",
        "《关于规范村级组织工作事务、机制牌子和证明事项的意见》",
        0,
        1,
        "year",
        True,
    ),
    (
        "JP-02",
        "mechanism",
        "社区综合服务站（党群服务中心）牌子和“中国社区”标识",
        "民政局",
        "《关于规范村级组织工作事务、机制牌子和证明事项的意见》",
        0,
        1,
        "year",
        True,
    ),
    (
        "JP-03",
        "mechanism",
        "各部门对口设置的工作站、办公室牌子（综治、调解、禁毒等分立挂牌）",
        "",
        "各部门文件",
        30,
        12,
        "year",
        False,
    ),
    ("JP-04", "mechanism", "各部门要求设立的专职信息员、协管员（专人专岗）", "", "各部门文件", 60, 1, "month", False),
    ("JP-05", "mechanism", "各类工作领导小组在社区设立分支机构", "", "各部门文件", 60, 1, "quarter", False),
    ("JP-06", "mechanism", "室内功能室一室多牌", "", "各部门文件", 30, 1, "year", False),
    ("KP-01", "evaluation", "乡镇（街道）对社区年度综合考核", "组织部", JF, 480, 1, "year", True),
    ("KP-02", "evaluation", "文明社区创建测评", "", "各部门文件", 480, 2, "year", False),
    ("KP-03", "evaluation", "平安社区创建达标验收", "公安局", "各部门文件", 480, 1, "year", False),
    ("KP-04", "evaluation", "卫生村（社区）评比", "卫生健康局", "各部门文件", 240, 1, "year", False),
    ("KP-05", "evaluation", "各部门对社区的专项工作考核", "", "各部门文件", 240, 4, "year", False),
    ("XT-01", "system", "社区综合信息平台（一表通，数据一次采集、多方共享）", "民政局", JF, 60, 1, "week", True),
    ("XT-02", "system", "“陕政通”政务APP", "", "《陕西省一体化政务服务平台建设方案》", 30, 1, "week", True),
    ("XT-03", "system", "各部门工作微信群、QQ群（12 个）", "", "各部门要求", 30, 5, "week", False),
    ("XT-04", "system", "各类政务APP下载注册和积分排名指标", "", "各部门要求", 60, 1, "month", False),
    (
        "XT-05",
        "system",
        "部门业务系统重复录入（社会救助、残联、卫健等 6 个系统）",
        "",
        "各部门要求",
        120,
        2,
        "month",
        False,
    ),
    ("XT-06", "system", "工作群内拍照留痕、每日打卡", "", "各部门要求", 20, 5, "week", False),
]

# Plaques (seed 000/003): outside only the 党组织/居委会 plaques and the 服务站 mark; one per room inside.
PLAQUES: dict[str, dict[str, Any]] = {
    "JP-01": {
        "plaque_kind": "allowed",
        "plaque_position": "outside",
        "plaque_quota": 2,
        "bodies": "党组织、居委会、村委会",
    },
    "JP-02": {"plaque_kind": "allowed", "plaque_position": "outside", "plaque_quota": 1, "bodies": "服务站"},
    "JP-03": {"plaque_kind": "allowed", "plaque_position": "outside"},
    "JP-06": {"plaque_kind": "allowed", "plaque_position": "inside"},
}

# Version 2: kept items that changed (frequency cut, time cut, better funding, review dates).
V2_CHANGES: dict[str, dict[str, Any]] = {
    "LZ-02": {"minutes_per_occurrence": 180},
    "XZ-02": {"frequency_unit": "quarter", "minutes_per_occurrence": 90, "funding_amount": "12000"},
    "XZ-12": {"title": "协助流动人口和出租房屋信息登记（数据一次采集）", "frequency_unit": "quarter"},
    "BG-01": {"title": "社区基本情况统计表（一表通，合并原 BG-03、BG-04）", "minutes_per_occurrence": 150},
    "BG-02": {"frequency_unit": "quarter", "review_date": "2026-09-30"},
    "XT-01": {"review_date": "2026-06-30"},
    "FW-04": {"review_date": "2026-10-31"},
    # Turned forbidden rather than dropped: the community must refuse it from now on (cancelled).
    "ZM-14": {"cert_kind": "forbidden", "minutes_per_occurrence": "0", "funding_amount": "", "funding_source": ""},
}


def _assist(row: tuple) -> dict[str, Any]:
    code, title, dept, roles, funding, minutes, times, unit, applies, _keep = row
    return {
        **COUNTY_2025,
        "code": code,
        "title": title,
        "category": "assist",
        "department": dept,
        "basis": f"{JF}；{dept}相关工作文件",
        "community_roles": roles,
        "funding_amount": funding,
        "funding_source": "县财政专项（随事转入）" if funding >= 4000 else f"{dept}工作经费",
        "scope": f"社区仅承担{roles}等非专业性工作，专业工作由{dept}负责。",
        "process": f"{dept}提出并拨付经费 → 社区{roles} → {dept}办理并反馈",
        "minutes_per_occurrence": minutes,
        "frequency_count": times,
        "frequency_unit": unit,
        "applies_to": applies,
    }


def _v1_items() -> list[tuple[dict[str, Any], bool]]:
    rows: list[tuple[dict[str, Any], bool]] = []
    for code, title, basis, minutes, times, unit, applies, keep in DUTIES:
        rows.append(
            (
                {
                    **_provenance(basis),
                    "code": code,
                    "title": title,
                    "category": "duty",
                    "basis": basis,
                    "department": "民政局",
                    "minutes_per_occurrence": minutes,
                    "frequency_count": times,
                    "frequency_unit": unit,
                    "applies_to": applies,
                },
                keep,
            )
        )
    rows += [(_assist(r), r[-1]) for r in ASSIST]
    for code, title, basis, minutes, times, unit, applies, keep in SERVICES:
        rows.append(
            (
                {
                    **_provenance(basis),
                    "code": code,
                    "title": title,
                    "category": "service",
                    "basis": basis,
                    "minutes_per_occurrence": minutes,
                    "frequency_count": times,
                    "frequency_unit": unit,
                    "applies_to": applies,
                },
                keep,
            )
        )
    for code, title, scope, in_v1 in NEGATIVE:
        if in_v1:
            rows.append(
                (
                    {
                        "code": code,
                        "title": title,
                        "category": "negative",
                        "scope": scope,
                        "basis": "《中共中央 国务院关于加强基层治理体系和治理能力现代化建设的意见》",
                        "issuer": "中共中央、国务院",
                        "issued_on": "2021-04-28",
                        "source_level": "national",
                        "conditions": "未经县委县政府统一部署，不得以社区名义承担。",
                        "minutes_per_occurrence": 0,
                    },
                    True,
                )
            )
    for code, title, keep in CERTS_ALLOWED:
        rows.append(
            (
                {
                    **CERT_BATCH,
                    "code": code,
                    "title": title,
                    "category": "certificate",
                    "cert_kind": "allowed",
                    "basis": CERT,
                    "department": "民政局",
                    "funding_amount": 500,
                    "funding_source": "县财政社区工作经费",
                    "minutes_per_occurrence": 15,
                    "frequency_count": 2 if keep else 3,
                    "frequency_unit": "month",
                },
                keep,
            )
        )
    for code, title, scope in CERTS_FORBIDDEN:
        rows.append(
            (
                {
                    **CERT_BATCH,
                    "code": code,
                    "title": title,
                    "category": "certificate",
                    "cert_kind": "forbidden",
                    "basis": CERT,
                    "scope": scope,
                    "minutes_per_occurrence": 0,
                },
                True,
            )
        )
    for code, title, dept, minutes, times, unit, keep in FORMS:
        rows.append(
            (
                {
                    **COUNTY_2025,
                    "code": code,
                    "title": title,
                    "category": "form",
                    "department": dept,
                    "funding_amount": 1000,
                    "funding_source": f"{dept}工作经费",
                    "basis": f"{dept}统计报表制度",
                    "minutes_per_occurrence": minutes,
                    "frequency_count": times,
                    "frequency_unit": unit,
                },
                keep,
            )
        )
    for code, cat, title, dept, basis, minutes, times, unit, keep in OTHERS:
        funded = {"funding_amount": 2000, "funding_source": f"{dept}工作经费"} if dept and minutes else {}
        rows.append(
            (
                {
                    **_provenance(basis),
                    **funded,
                    **PLAQUES.get(code, {}),
                    "code": code,
                    "title": title,
                    "category": cat,
                    "department": dept,
                    "basis": basis,
                    "minutes_per_occurrence": minutes,
                    "frequency_count": times,
                    "frequency_unit": unit,
                },
                keep,
            )
        )
    for code, title, keep in SEALS:
        rows.append(
            (
                {
                    **SEED_001,
                    "code": code,
                    "title": title,
                    "category": "seal",
                    "basis": PLAN,
                    "conditions": SEAL_CONDITIONS,
                    "bodies": "居委会、村委会",
                    "minutes_per_occurrence": 10,
                    "frequency_count": 4,
                    "frequency_unit": "month",
                },
                keep,
            )
        )
    return rows


def _form_data(item: Any, owner: Org, changes: dict[str, Any]) -> dict[str, Any]:
    data = ItemForm.initial_for(item)
    data.update(changes)
    return data


@transaction.atomic
def load() -> None:
    """Publish versions 1 (2025) and 2 (2026) of 汉阴县's lists; skip if it already has lists."""
    owner = Org.objects.filter(code=COUNTY).first()
    if owner is None or ListVersion.objects.filter(org=owner).exists():
        return
    rows = _v1_items()
    do_open_draft(owner, actor=None, title="汉阴县村（社区）工作事项清单")
    for data, _keep in rows:
        do_add_item(owner, actor=None, data=data, source_ref="demo")
    v1 = ListVersion.objects.get(org=owner, status="draft")
    do_publish_version(
        v1,
        actor=None,
        effective_date=dt.date(2025, 3, 1),
        note="依据城乡社区减负工作部署，首次梳理公布村（社区）工作事项清单。",
        title="汉阴县村（社区）工作事项清单（2025 年版）",
    )
    draft = do_open_draft(owner, actor=None, title="汉阴县村（社区）工作事项清单（2026 年版）")
    keep = {data["code"] for data, k in rows if k}
    for item in list(draft.items.select_related("department")):
        if item.code not in keep:
            do_delete_item(item, actor=None)
        elif item.code in V2_CHANGES:
            do_update_item(item, actor=None, data=_form_data(item, owner, V2_CHANGES[item.code]))
    for code, title, scope, in_v1 in NEGATIVE:
        if not in_v1:
            do_add_item(
                owner,
                actor=None,
                source_ref="demo",
                data={
                    "code": code,
                    "title": title,
                    "category": "negative",
                    "scope": scope,
                    "minutes_per_occurrence": 0,
                },
            )
    do_publish_version(
        draft,
        actor=None,
        effective_date=dt.date(2026, 5, 1),
        note="“回头看”后精简：取消对口挂牌、专项考核和重复报表，证明事项压减至 6 项，负面清单增至 8 项。",
        title="汉阴县村（社区）工作事项清单（2026 年版）",
    )
