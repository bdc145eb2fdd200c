"""Policy citations (政策依据): which document each rule of the platform rests on, by its title.

Every rule the platform applies (the gate, the burden limits, the assessment guard…) cites a
document by key. ``DEFAULTS`` are the sources the rules were distilled from — public plans and a
news report, not a county's own documents — so each county is expected to replace them with the
documents it issued (its 清单, 准入制度, 减负实施方案) on the citations page; its rows then are
what every page, finding, case and PDF of its communities cites.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy

from jianfu.orgs import tree

from .models import Citation

_PLAN = "2024年开展城乡社区减负专项行动的实施方案"  # seed 000: six county/township plans
_BEIJING = "北京最大限度减少下派社区任务 激发基层社会治理能力"  # seed 003: 人民网, 2019-08-03
_GOVERNANCE = "社区基层社会治理方案"  # seed 004


@dataclass(frozen=True)
class Cite:
    """A citation as shown: the document, its number, the section and what it says."""

    key: str
    title: str
    excerpt: str
    doc_number: str = ""
    issuer: str = ""
    section: str = ""
    own: bool = False  # the county's own row (else the shipped default)
    pk: int | None = None

    @property
    def document(self) -> str:
        """「《title》（number）section」: what a reader looks up."""
        number = f"（{self.doc_number}）" if self.doc_number else ""
        return f"《{self.title}》{number}{self.section}"

    @property
    def text(self) -> str:
        """The full citation, document first: 「《…》（…）三、（二）：条文要点」."""
        return f"{self.document}：{self.excerpt}"

    def __str__(self) -> str:
        return self.text


# key → (label of the rule, default citation). Labels name the rule on the citations page.
DEFAULTS: dict[str, tuple[Any, Cite]] = {
    "gate.unlisted": (
        gettext_lazy("未入清单的事项社区一律不接（准入）"),
        Cite("gate.unlisted", _BEIJING, "未入工作事项清单社区一律不接；对下沉到社区的工作事项实行准入制度",
             issuer="人民网（2019年8月3日）", section="“未入工作事项清单社区一律不接”"),
    ),
    "gate.subject": (
        gettext_lazy("社区不作行政执法、拆迁拆违等事项的责任主体（负面清单）"),
        Cite("gate.subject", _GOVERNANCE, "不得将基层群众性自治组织作为行政执法、拆迁拆违、环境整治、城市管理、"
             "招商引资等事项的责任主体", section="（五）推进社区减负增效"),
    ),
    "burden.county_meetings": (
        gettext_lazy("县级会议限额"),
        Cite("burden.county_meetings", _PLAN, "县级层面召开需社区参加的会议每年不超过 2 次", section="篇四、篇五"),
    ),
    "burden.township_meetings": (
        gettext_lazy("乡镇（街道）会议限额"),
        Cite("burden.township_meetings", _PLAN, "乡镇（街道）召开社区会议每月不超过 4 次", section="篇四、篇五"),
    ),
    "burden.township_inspections": (
        gettext_lazy("乡镇（街道）检查限额"),
        Cite("burden.township_inspections", _PLAN, "乡镇（街道）对社区检查每月不超过 3 次", section="篇四、篇五"),
    ),
    "burden.dept_inspection": (
        gettext_lazy("县级部门不直接检查社区"),
        Cite("burden.dept_inspection", _PLAN, "县级部门检查乡镇（街道），不直接检查社区", section="篇四、篇五"),
    ),
    "burden.veto": (
        gettext_lazy("不得实行一票否决"),
        Cite("burden.veto", _PLAN, "由乡镇对社区工作进行综合考核评比，逐步取消对社区工作的“一票否决”事项",
             section="篇一 （二）优化社区组织考核评价"),
    ),
    "burden.forms": (
        gettext_lazy("只填清单内的表格"),
        Cite("burden.forms", _PLAN, "制定社区组织填报表格清单，每年年初统一交由乡镇安排社区组织按规定频次填报",
             section="篇一 （四）整治社区“文山会海”问题"),
    ),
    "burden.plaques": (
        gettext_lazy("社区外部只挂规定的牌子"),
        Cite("burden.plaques", _PLAN, "除党中央、国务院明确要求或者法律法规明确规定外，不得新设社区工作机制，"
             "不得要求社区组织对口挂牌，不得要求专人专岗", section="篇一 （三）精简社区工作机制和牌子"),
    ),
    "burden.apps": (
        gettext_lazy("政务APP、工作群整合"),
        Cite("burden.apps", _PLAN, "清理整合面向社区组织的微信工作群、政务app",
             section="篇一 （四）整治社区“文山会海”问题"),
    ),
    "burden.certificates": (
        gettext_lazy("只出具清单内的证明"),
        Cite("burden.certificates", _PLAN, "压减社区组织出具证明事项，社区只出具清单内的证明",
             section="篇一 （五）压减社区组织出具证明事项"),
    ),
}  # fmt: skip


def _from_row(row: Citation) -> Cite:
    return Cite(row.key, row.title, row.excerpt, row.doc_number, row.issuer, row.section, own=True, pk=row.pk)


def citations_for(region_code: str) -> dict[str, Cite]:
    """Every citation in force for a place: its county's rows over the shipped defaults (one query)."""
    found = {key: default for key, (_label, default) in DEFAULTS.items()}
    county = tree.county_code(region_code) if region_code else ""
    if county:
        for row in Citation.objects.filter(region_code=county, key__in=list(DEFAULTS)):
            found[row.key] = _from_row(row)
    return found


def cite(key: str, region_code: str) -> Cite:
    """The citation in force for ``key`` at a place (a county, township or community code)."""
    county = tree.county_code(region_code) if region_code else ""
    row = Citation.objects.filter(region_code=county, key=key).first() if county else None
    return _from_row(row) if row is not None else DEFAULTS[key][1]


def label(key: str) -> str:
    return str(DEFAULTS[key][0])
