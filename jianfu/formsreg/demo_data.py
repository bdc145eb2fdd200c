# ruff: noqa: E501  (one form per entry, its fields on a line or two)
"""The demo registry of 汉阴县: about 40 forms that 12 county departments push onto communities,
written the way such forms really label their fields, so the same figure appears under several
names (户数 / 总户数 / 辖区户数, 60周岁以上老人 / 老年人口…).

Each field is ``"名称:单位:truth"``: ``truth`` names what the field really measures (a base-data
key or a label of our own) and is the answer key of ``bench/forms_duplicates.py`` (two fields of
different forms with the same truth are a planted duplicate). A field without a truth is unique.
"""

from __future__ import annotations

# (department code suffix, title, frequency unit, basis, basis level, fields)
FORMS: list[tuple[str, str, str, str, str, list[str]]] = [
    # 卫生健康局 D04
    ("D04", "社区人口与健康基本情况表", "quarter", "《基本公共卫生服务规范》", "national",
     ["户数:户:households", "常住人口:人:residents", "60岁以上老年人数:人:age_60", "0-6岁儿童数:人:age_0_6",
      "家庭医生签约人数:人:sign_doctor", "高血压患者管理人数:人:hypertension", "糖尿病患者管理人数:人:diabetes"]),
    ("D04", "老年人健康体检统计表", "year", "《国家基本公共卫生服务规范》", "national",
     ["60周岁以上老人数:人:age_60", "体检人数:人:checkup", "家庭医生签约数:人:sign_doctor", "常住人口数:人:residents"]),
    ("D04", "爱国卫生运动月报表", "month", "《陕西省爱国卫生条例》", "province",
     ["辖区户数:户:households", "病媒生物防制次数:次:vector", "卫生死角清理处数:处:cleanup", "楼栋数:栋:buildings"]),
    ("D04", "计划生育家庭情况统计表", "quarter", "《人口与计划生育法》", "national",
     ["总户数:户:households", "独生子女家庭数:户:one_child", "计生特殊家庭数:户:special_family",
      "育龄妇女人数:人:fertile_women", "0-6岁儿童数:人:age_0_6"]),
    ("D04", "慢性病随访登记汇总表", "quarter", "《国家基本公共卫生服务规范》", "national",
     ["高血压管理人数:人:hypertension", "糖尿病管理人数:人:diabetes", "随访人次:人次:followups", "常住人口:人:residents"]),
    # 人力资源和社会保障局 D05
    ("D05", "就业失业登记月报表", "month", "《就业服务与就业管理规定》", "national",
     ["辖区户数:户:households", "登记失业人数:人:unemployed", "新增就业人数:人:jobs_new", "灵活就业人数:人:flexible",
      "公益性岗位人数:人:public_jobs"]),
    ("D05", "城乡居民养老保险参保情况表", "quarter", "《社会保险法》", "national",
     ["户籍人口:人:registered", "养老保险参保人数:人:insured_pension", "60岁及以上领取待遇人数:人:pension_paid",
      "缴费人数:人:pension_contrib"]),
    ("D05", "就业援助对象统计表", "quarter", "《就业促进法》", "national",
     ["失业人员数:人:unemployed", "就业困难人员数:人:hard_to_employ", "零就业家庭数:户:zero_job", "公益性岗位安置人数:人:public_jobs"]),
    ("D05", "劳动力资源调查表", "year", "《汉阴县劳动力资源调查工作方案》", "county",
     ["户数:户:households", "18-59岁人口:人:age_18_59", "外出务工人数:人:migrant_out", "灵活就业人员数:人:flexible",
      "返乡创业人数:人:return_business"]),
    # 公安局 D06
    ("D06", "流动人口登记月报表", "month", "《居住证暂行条例》", "national",
     ["流动人口数:人:floating", "出租房屋数:套:rentals", "新登记流动人口:人:floating_new", "总户数:户:households"]),
    ("D06", "实有人口统计表", "quarter", "《户口登记条例》", "national",
     ["户籍人口数:人:registered", "常住人口:人:residents", "流动人口:人:floating", "户数:户:households", "楼栋数量:栋:buildings"]),
    ("D06", "社区治安情况月报", "month", "《汉阴县社会治安防控体系建设方案》", "county",
     ["治安案件数:起:cases", "矛盾纠纷排查数:件:disputes", "网格数:个:grids", "巡逻次数:次:patrols"]),
    # 住房和城乡建设局 D07
    ("D07", "住宅小区与楼栋情况表", "year", "《物业管理条例》", "national",
     ["楼栋数:栋:buildings", "住宅小区数:个:estates", "物业覆盖小区数:个:estates_managed", "老旧小区数:个:old_estates",
      "辖区户数:户:households"]),
    ("D07", "农村危房改造对象统计表", "year", "《农村危房改造工作方案》", "province",
     ["危房户数:户:unsafe_houses", "低保户数:户:dibao_households", "特困供养人员:人:tekun", "残疾人数:人:disabled"]),
    ("D07", "城镇燃气安全排查表", "month", "《城镇燃气管理条例》", "national",
     ["燃气用户数:户:gas_users", "排查户数:户:gas_checked", "燃气隐患数:处:gas_hazards", "楼栋数量:栋:buildings"]),
    # 应急管理局 D08
    ("D08", "安全隐患排查月报表", "month", "《安全生产法》", "national",
     ["排查隐患数:处:hazards", "整改隐患数:处:hazards_fixed", "网格数量:个:grids", "应急演练次数:次:drills"]),
    ("D08", "防灾减灾基本情况表", "year", "《自然灾害救助条例》", "national",
     ["常住人口数:人:residents", "户数:户:households", "地质灾害隐患点:处:geo_hazards", "避难场所数:个:shelters",
      "灾害信息员人数:人:disaster_staff"]),
    ("D08", "汛期人员转移预案统计表", "year", "《防汛条例》", "national",
     ["需转移户数:户:evacuate_households", "需转移人数:人:evacuate_persons", "高龄老人数:人:age_80", "残疾人口:人:disabled"]),
    # 市场监督管理局 D09
    ("D09", "食品安全信息员工作报表", "month", "《食品安全法》", "national",
     ["食品经营户数:户:food_shops", "信息报告数:条:food_reports", "宣传次数:次:food_promo"]),
    ("D09", "个体工商户发展情况表", "quarter", "《促进个体工商户发展条例》", "national",
     ["个体工商户数:户:businesses", "新增个体户:户:businesses_new", "食品经营户数量:户:food_shops"]),
    # 教育体育科技局 D10
    ("D10", "适龄儿童入学情况统计表", "year", "《义务教育法》", "national",
     ["0-17岁人口:人:age_0_17", "适龄入学儿童数:人:school_age", "留守儿童数:人:left_children", "残疾儿童数:人:disabled_children"]),
    ("D10", "全民健身设施统计表", "year", "《全民健身条例》", "national",
     ["健身设施数:处:fitness", "社会体育指导员人数:人:sport_guides", "常住人口:人:residents"]),
    # 农业农村局 D11
    ("D11", "农村人居环境整治月报表", "month", "《农村人居环境整治提升五年行动方案》", "national",
     ["户数:户:households", "卫生厕所户数:户:toilets", "垃圾收集点数:个:bins", "环境整治次数:次:env_cleanup"]),
    ("D11", "防止返贫监测对象统计表", "month", "《关于健全防止返贫动态监测和帮扶机制的指导意见》", "national",
     ["监测户数:户:monitor_households", "监测人数:人:monitor_persons", "低保户数:户:dibao_households",
      "特困人员数:人:tekun", "残疾人数:人:disabled", "外出务工人数:人:migrant_out"]),
    ("D11", "农业生产基本情况表", "year", "《农业统计报表制度》", "national",
     ["耕地面积:亩:farmland", "种植户数:户:farm_households", "新型经营主体数:个:coops", "户籍人口数:人:registered"]),
    # 退役军人事务局 D12
    ("D12", "退役军人和其他优抚对象信息采集表", "year", "《退役军人保障法》", "national",
     ["退役军人数:人:veterans", "优抚对象人数:人:entitled", "困难退役军人数:人:veterans_poor", "户数:户:households"]),
    ("D12", "退役军人走访慰问统计表", "quarter", "《汉阴县退役军人服务保障方案》", "county",
     ["退役军人人数:人:veterans", "走访人次:人次:visits", "慰问金额:元:visit_money"]),
    # 医疗保障局 D13
    ("D13", "城乡居民医保参保情况表", "quarter", "《社会保险法》", "national",
     ["户籍人口:人:registered", "医保参保人数:人:insured_medical", "特困供养人员:人:tekun", "低保人数:人:dibao_persons",
      "参保率:%:insured_rate"]),
    ("D13", "医疗救助对象统计表", "quarter", "《社会救助暂行办法》", "national",
     ["低保对象人数:人:dibao_persons", "特困人员:人:tekun", "医疗救助人次:人次:med_aid", "残疾人数:人:disabled"]),
    # 统计局 D14
    ("D14", "社区基本情况年报", "year", "《统计法》", "national",
     ["户数:户:households", "常住人口:人:residents", "户籍人口:人:registered", "0-17岁人口:人:age_0_17",
      "18-59岁人口:人:age_18_59", "60岁及以上老年人:人:age_60", "80岁及以上高龄老人:人:age_80", "辖区面积:平方公里:area",
      "网格数:个:grids", "楼栋数:栋:buildings", "社区工作者:人:staff"]),
    ("D14", "人口抽样调查底册核对表", "year", "《全国人口普查条例》", "national",
     ["住户数:户:households", "常住人数:人:residents", "流动人口数:人:floating", "出生人口数:人:births", "死亡人口数:人:deaths"]),
    ("D14", "经济普查单位清查表", "year", "《全国经济普查条例》", "national",
     ["个体经营户数:户:businesses", "法人单位数:个:legal_units", "产业活动单位数:个:activity_units"]),
    # 残疾人联合会 D16
    ("D16", "残疾人基本信息动态更新表", "quarter", "《残疾人保障法》", "national",
     ["持证残疾人数:人:disabled", "重度残疾人数:人:disabled_severe", "残疾人就业人数:人:disabled_jobs",
      "低保户数:户:dibao_households", "残疾儿童数:人:disabled_children"]),
    ("D16", "残疾人两项补贴发放表", "month", "《关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》", "national",
     ["困难残疾人数:人:disabled_poor", "重度残疾人人数:人:disabled_severe", "补贴金额:元:disabled_money"]),
    ("D16", "残疾人康复服务统计表", "year", "《残疾预防和残疾人康复条例》", "national",
     ["残疾人口:人:disabled", "康复服务人数:人:rehab", "辅具适配人数:人:aids"]),
    # More that overlap (township-level asks copied from county ones)
    ("D04", "高龄老人健康管理统计表", "quarter", "《汉阴县老年健康服务工作方案》", "county",
     ["80周岁以上老人:人:age_80", "高龄老人体检人数:人:checkup_80", "家庭医生签约人数:人:sign_doctor", "空巢老人数:人:empty_nest"]),
    ("D05", "社会保障卡发放统计表", "quarter", "《社会保障卡管理办法》", "national",
     ["户籍人口数:人:registered", "已发放社保卡数:张:cards", "养老保险参保人数:人:insured_pension"]),
    ("D06", "重点人员管控台账汇总表", "month", "《汉阴县平安建设工作方案》", "county",
     ["重点人员数:人:key_persons", "网格数:个:grids", "矛盾纠纷排查数:件:disputes"]),
    ("D08", "消防安全网格化管理统计表", "month", "《消防法》", "national",
     ["网格数:个:grids", "消防隐患数:处:fire_hazards", "微型消防站数:个:fire_stations", "楼栋数:栋:buildings"]),
    ("D13", "长期护理保险需求调查表", "year", "《汉阴县长期护理保险试点方案》", "county",
     ["80岁以上高龄老人:人:age_80", "失能老人数:人:disabled_elderly", "重度残疾人数:人:disabled_severe", "医保参保人数:人:insured_medical"]),
]  # fmt: skip


def fields_of(spec: list[str]) -> list[dict[str, str]]:
    out = []
    for raw in spec:
        name, unit, truth = [*raw.split(":"), "", ""][:3]
        out.append({"name": name, "unit": unit, "truth": truth})
    return out


def planted_pairs() -> set[tuple[tuple[int, int], tuple[int, int]]]:
    """Every pair of fields of different forms that measure the same thing: ((form, field), (form, field))."""
    by_truth: dict[str, list[tuple[int, int]]] = {}
    for i, form in enumerate(FORMS):
        for j, f in enumerate(fields_of(form[5])):
            if f["truth"]:
                by_truth.setdefault(f["truth"], []).append((i, j))
    pairs = set()
    for refs in by_truth.values():
        for a in range(len(refs)):
            for b in range(a + 1, len(refs)):
                if refs[a][0] != refs[b][0]:
                    pairs.add((refs[a], refs[b]))
    return pairs
