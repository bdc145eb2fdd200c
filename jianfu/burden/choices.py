"""Vocabulary of the burden ledger (负担台账): kinds of entries, source levels, limit rules."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy


class Kind(models.TextChoices):
    """What landed on the community."""

    TASK = "task", gettext_lazy("任务")
    MEETING = "meeting", gettext_lazy("会议")
    INSPECTION = "inspection", gettext_lazy("检查督查")
    FORM = "form", gettext_lazy("填报表格")
    LEDGER = "ledger", gettext_lazy("台账")
    CERTIFICATE = "certificate", gettext_lazy("出具证明")
    PLAQUE = "plaque", gettext_lazy("挂牌")
    APP = "app", gettext_lazy("APP/工作群")
    ASSESSMENT = "assessment", gettext_lazy("考核评比")


# Kinds a convener records once for all communities concerned (an Event).
EVENT_KINDS = (Kind.MEETING, Kind.INSPECTION)
# Kinds shown in the reduction report (精简率), in the order seeds 002/003 report them.
REPORT_KINDS = (Kind.TASK, Kind.FORM, Kind.MEETING, Kind.INSPECTION, Kind.CERTIFICATE, Kind.PLAQUE, Kind.LEDGER)


class SourceLevel(models.TextChoices):
    """Which level the org that caused the entry sits at."""

    ABOVE = "above", gettext_lazy("市级及以上")
    COUNTY = "county", gettext_lazy("县（区）")
    COUNTY_DEPT = "county_dept", gettext_lazy("县级部门")
    TOWNSHIP = "township", gettext_lazy("乡镇/街道")
    TOWNSHIP_DEPT = "township_dept", gettext_lazy("乡镇部门")
    COMMUNITY = "community", gettext_lazy("社区/村自身")


COUNTY_LEVELS = (SourceLevel.COUNTY, SourceLevel.COUNTY_DEPT)
TOWNSHIP_LEVELS = (SourceLevel.TOWNSHIP, SourceLevel.TOWNSHIP_DEPT)


class Listed(models.IntegerChoices):
    """Whether the work rested on the lists; stored as a small integer so rollup keys stay unique."""

    UNKNOWN = 0, gettext_lazy("未判定")
    LISTED = 1, gettext_lazy("清单内")
    UNLISTED = 2, gettext_lazy("清单外")


def listed_key(listed: bool | None) -> int:
    if listed is None:
        return Listed.UNKNOWN
    return Listed.LISTED if listed else Listed.UNLISTED


class RuleCode(models.TextChoices):
    """The limits DOMAIN.md sets (seed 000 篇四/五; 003); each jurisdiction may tighten them."""

    COUNTY_MEETINGS = "county_meetings", gettext_lazy("县级会议每年不超过 N 次")
    TOWNSHIP_MEETINGS = "township_meetings", gettext_lazy("乡镇会议每月不超过 N 次")
    TOWNSHIP_INSPECTIONS = "township_inspections", gettext_lazy("乡镇对社区检查每月不超过 N 次")
    DEPT_INSPECTION = "dept_inspection", gettext_lazy("县级部门不得直接检查社区")
    VETO = "veto", gettext_lazy("不得对社区工作实行一票否决")
    FORMS = "forms", gettext_lazy("只填清单内表格，且不超过清单频次")
    PLAQUES = "plaques", gettext_lazy("只挂允许的牌子")
    APPS = "apps", gettext_lazy("只用清单内的APP和工作群")
    CERTIFICATES = "certificates", gettext_lazy("只出具清单内的证明")


RULE_SHORT: dict[str, str] = {
    RuleCode.COUNTY_MEETINGS: "县级会议超次数",
    RuleCode.TOWNSHIP_MEETINGS: "乡镇会议超次数",
    RuleCode.TOWNSHIP_INSPECTIONS: "乡镇检查超次数",
    RuleCode.DEPT_INSPECTION: "部门直接检查社区",
    RuleCode.VETO: "一票否决",
    RuleCode.FORMS: "清单外/超频次表格",
    RuleCode.PLAQUES: "不允许的牌子",
    RuleCode.APPS: "清单外APP/工作群",
    RuleCode.CERTIFICATES: "清单外证明",
}


class Period(models.TextChoices):
    YEAR = "year", gettext_lazy("每年")
    MONTH = "month", gettext_lazy("每月")
    EACH = "each", gettext_lazy("每次")


# Defaults (DOMAIN.md "Limits the seeds set"): code → (limit, period, basis).
DEFAULT_RULES: dict[str, tuple[int | None, str, str]] = {
    RuleCode.COUNTY_MEETINGS: (2, Period.YEAR, "000 篇四/五：县级层面召开需社区参加的会议每年不超过 2 次"),
    RuleCode.TOWNSHIP_MEETINGS: (4, Period.MONTH, "000 篇四/五：乡镇（街道）召开社区会议每月不超过 4 次"),
    RuleCode.TOWNSHIP_INSPECTIONS: (3, Period.MONTH, "000 篇四/五：乡镇（街道）对社区检查每月不超过 3 次"),
    RuleCode.DEPT_INSPECTION: (0, Period.EACH, "000 篇四/五：县级部门检查乡镇（街道），不直接检查社区"),
    RuleCode.VETO: (0, Period.EACH, "DOMAIN 考核评价：除保留事项外，不得实行一票否决"),
    RuleCode.FORMS: (None, Period.EACH, "003：未入清单的表格一律不填，按清单频次填报"),
    RuleCode.PLAQUES: (None, Period.EACH, "000/003：社区外部只挂党组织、居委会（服务站）牌子和“中国社区”标识"),
    RuleCode.APPS: (None, Period.EACH, "000 篇一：政务APP、工作群整合，只用清单内的"),
    RuleCode.CERTIFICATES: (None, Period.EACH, "DOMAIN 证明事项：只出具清单内的证明"),
}
# Rules with a countable threshold (a county may lower it, never raise it).
COUNTED_RULES = (RuleCode.COUNTY_MEETINGS, RuleCode.TOWNSHIP_MEETINGS, RuleCode.TOWNSHIP_INSPECTIONS)

# Working hours a year per community staff member, for "time left for residents" (2,080 h minus
# public holidays and annual leave ≈ 1,760 h; an assumption shown on the dashboard).
HOURS_PER_STAFF_YEAR = 1760
