# ruff: noqa: E501  (the vocabularies read best one pattern a line)
"""The draft scanner (发文前审核): which clauses of a draft put work on communities.

A clause puts work on communities when a community or village committee — or its workers, grid
workers, 居民小组长/村民小组长 through it — is the *subject* of an obligation (a report, a form, a
ledger, a meeting, a check, a certificate, a plaque, a deadline, a 责任主体…), either named as the
actor (「各村（居）委会须在12月3日前将汇总表报各乡（镇）」) or made to act by someone else
(「要求各社区每周报送…」「由村（社区）安排专人…」). Clauses that bind a department, a township or
residents, that only restate a rule (「不得要求社区…」「每月不超过3次」), or where the community is
only the recipient or the place (「报各村（居）委会」「深入社区开展…」) put no work on it.

Pure functions: no database. ``scan(text, gate=…)`` takes the gate as a callable so the review
action can pass the real one (``gating.verdict_for``) and tests and the benchmark a fake.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .clauses import NORMALISE, Clause, split_clauses
from .findings import Finding, clause_finding

# --- who acts ---------------------------------------------------------------------------------

# The community side: committees, their workers, grid workers and group heads (through them).
_COMMUNITY = (
    r"(?:村\(居\)民?委员?会|村\(居\)|村\(社区\)|社区\(村\)|居\(村\)|村\(居、社区\)|村\(社区、居\)|"
    r"村\(社区\)两委|村两委|社区两委|村居两委|居民委员会|村民委员会|居委会|村委会|村\(居\)两委|"
    r"社区居委会|社区党组织|村党组织|村党支部|社区党支部|村级|村居|社区|村委|居委|嘎查|"
    r"(?:农村|村级|村)(?:报账员|报帐员|助理会计|会计|出纳|文书|联络员|网格员|网格管理员|信息员|保洁员|监督员|调解员|专干)|"
    r"网格[\u4e00-\u9fff]{0,2}员|网格长|居民小组长|村民小组长|村民小组|楼栋长|单元长|社区工作者|社工|"
    r"村干部|社区干部|村\(社区\)干部|村\(居\)干部|村组干部|村支书|村书记|社区书记|村主任|社区主任|"
    r"村文书|村会计|村医|信息员|协管员|(?<![乡镇县区市省])村(?![民庄镇落容貌道级]|务|规|规民约))"
)
# Everybody else who can be bound by a clause.
_OTHER = (
    r"(?:乡\(镇\)|乡镇\(街道\)|镇\(街道\)|乡镇|街道办事处|街道|办事处|镇政府|镇人民政府|乡政府|各镇|各乡|本镇|我镇|"
    r"县直|区直|市直|各部门|有关部门|相关部门|职能部门|部门|各单位|有关单位|相关单位|单位|指挥部|领导小组|"
    r"工作专班|专班|[县区市镇乡]委|[县区市镇乡]政府|民政局|民政办|组织部|统计局|财政局|卫健局|应急局|"
    r"派出所|卫生院|学校|企业|物业|[局办所站中心]|居民|群众|村民(?!小组|委员会)|农户|住户|户主|申请人|"
    r"老年人|个人|本人|当事人|党员|志愿者|调查员|普查员|包村干部|驻村干部|驻村工作队|镇干部|乡干部)"
)
COMMUNITY = re.compile(_COMMUNITY)
ACTOR = re.compile(rf"(?P<c>{_COMMUNITY})|(?P<o>{_OTHER})")
# Verbs that make what follows an object being cut back (整合…要求社区填报的表格), not a duty.
REDUCE = re.compile(r"整合|减少|精简|清理|取消|压减|规范|减轻|杜绝|防止|避免|摘除|撤销|合并|简化|梳理|下派|变相|擅自")
# Someone else makes the community act: 要求各社区… 由村（社区）… 以社区为单位…
CAUSE = re.compile(
    rf"以(?:各)?(?:行政|自然)?{_COMMUNITY}为单位|"
    # 「指导乡（镇）、行政村安排调查人员」: guided or urged into an act of its own
    rf"(?:指导|督促|推动)(?:[^,;。]{{1,8}}、)?(?:各)?(?:行政|自然)?{_COMMUNITY}(?=安排|组织|开展|建立|报送|填报|上报|完成|做好|落实|召开|成立|明确)|"
    # 「村（社区）干部和村民小组长包干到户」: a chain of assignment ending on the community side
    rf"{_COMMUNITY}[^,;。]{{0,8}}?(?:包干|包保|包联|分包)(?:到|至)(?:户|组|人)|"
    rf"(?:要求|组织|督促|安排|责成|动员|发动|通知|请|由|交由|委托|指定)(?:全[县区镇乡市]|各|辖区|所在|所属|本|相关|有关)?"
    rf"(?:各)?{_COMMUNITY}"
)
# Words before a mention that make the community an object, recipient or place, not the actor.
_OBJECT_BEFORE = re.compile(
    r"(?:报送?|报至|送|交|给|向|对|面向|针对|指导|帮助|协助|支持|深入|到|进入?|下沉|为|与|和|同|跟|及|或|"
    r"包括|涉及|覆盖|在|驻|联系|挂钩|包|减少|精简|清理|取消|整合|压减|规范|减轻|推动|推进|引导|鼓励|"
    r"加强|健全|完善|优化|赋予|保障|关心|评价|考核|检查|督查|督导|走访|调研|培育|选派|配备|建设|打造)"
    r"(?:全[县区镇乡市]|各|辖区|所在|所属|本|相关|有关|基层)?(?:各)?$"
)
# How far into a segment (after the point marker and any time phrase) the actor may stand.
_LEAD = 14

# --- obligation and negation ------------------------------------------------------------------

# A duty is being set: modal verbs, deadlines, frequencies.
MODAL = re.compile(
    r"须|需(?!求)|要(?!求|点|素|闻|害|件|么|是|把|以)|应当|应(?!急|用|对|有)|必须|务必|负责|请|确保|按时|及时|抓紧|尽快|"
    r"立即|于[^,;。]{1,16}?前|[日号]前|月底前|前将|每[日天周月季年半]|定期|限期|严格按照|认真|切实"
)
# Talk about the rulebook itself (lists, admission, burden reduction): a rule restated, no new duty.
RULE_TALK = re.compile(r"清单|准入|减负|组织法|职责边界|权责")
# The community named, then a plan's imperative adverb: 「社区加大…」「各村积极开展…」
_IMPERATIVE_LEAD = re.compile(r"(?:要|须|应)?(?:加大|加强|积极|主动|认真|全面|切实|进一步|大力|深入|广泛)")
# Work done by hand, as opposed to complying (落实/执行/贯彻): 「社区加大减负宣传力度」 is still work.
HANDS_ON = re.compile(r"宣传|宣讲|动员|发放|张贴|收集|采集|入户|走访|培训|劝导|劝阻")
# A role described, not a task set: 发挥…作用, 行使…权
ROLE = re.compile(r"发挥.{0,12}作用|行使|享有|有权|权利")
# A report of what happened, not a rule for what must happen (news, experience reports).
PAST = re.compile(
    r"都会|了|已经|已(?!有)|平均|累计|共计|目前|近年来|多年来|以来|反映|减少到|由原来|截至|截止|先后|均已|"
    # a result reported by its size: 「事项减少约九成」「表格压减至7张」
    r"(?:减少|压减|精简|下降|降低)(?:约|近|逾|超过)?[\d一二三四五六七八九十百千万半]+[%成个张项件次条]|[减降]至\d"
)
PROHIBIT = re.compile(r"不得|严禁|禁止|不准|一律不|不再|杜绝|不应|不能|无需|不需|不必|免于|不要|避免|不允许|防止")
# "不得漏报、瞒报" insists on the report; it does not forbid work.
_EMPHASIS = re.compile(r"(?:不得|严禁|禁止|杜绝|防止|避免)(?:出现)?(?:漏|瞒|迟|错|虚|乱|拒|缓|误|少|重)|弄虚作假|敷衍")
# A limit restated, not a duty imposed: 只悬挂 / 原则上 / 不超过 / 最多
LIMIT = re.compile(
    r"只(?:悬挂|保留|设|挂|负责|承担)|仅(?:悬挂|保留|限|负责|承担)|原则上(?=.{0,4}(?:只|仅|不|至多|最多))|不超过|不多于|最多|至多|以内为限"
)
# Not an obligation: voluntary, encouraged, optional, or working "by the list / by law".
OPTIONAL = re.compile(
    r"自愿|自主|鼓励|可以|可(?=参照|根据|由|自行|视情|结合)|有条件的|根据.{0,10}清单|依据.{0,10}清单|"
    r"按照.{0,10}清单|依法(?:开展|履行|协助)|主要用于|按规定频次|确需"
)
# Exhortations and purposes that are no work by themselves.
_AIM = re.compile(r"^(?:为|为了|根据|按照|依据|结合|围绕|经)[^,]*$")

# --- kinds of burden --------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    pattern: re.Pattern[str]
    minutes: int  # estimated minutes per community per occurrence (a community worker's time)
    severity: str = "warn"


KINDS: list[Kind] = [
    Kind(
        "negative",
        "负面清单事项（执法、拆违、招商、安全检查等）",
        re.compile(
            r"行政执法|执法|拆迁|拆违|违建|违法建筑|招商引资|招商|安全生产检查|安全隐患排查整治|消防检查|"
            r"食品安全检查|征地|征收|市容执法|城市管理|环境整治责任|经营.{0,4}检查|企业.{0,4}检查|商户.{0,4}检查"
        ),
        480,
        "block",
    ),
    Kind("certificate", "出具证明", re.compile(r"证明|出具|开具|盖章|公章|签字盖章|签章|审核意见"), 30),
    Kind("plaque", "挂牌、标识", re.compile(r"挂牌|牌子|标牌|牌匾|上墙|标识牌|悬挂|张贴.{0,4}(?:公示牌|制度)"), 120),
    Kind(
        "meeting", "会议、培训", re.compile(r"会议|参会|开会|例会|培训|座谈|列席|出席|集中学习|观摩|推进会|调度会"), 120
    ),
    Kind(
        "ledger",
        "台账、档案",
        re.compile(r"台账|台帐|日记账|记账|档案|建档|工作日志|记录本|留痕|影像资料|佐证材料|痕迹"),
        120,
    ),
    Kind(
        "form",
        "填报表格",
        re.compile(r"表|填写|填报|统计|花名册|名单|名册|问卷|登记|录入|报表"),
        90,
    ),
    Kind(
        "report",
        "报送材料",
        re.compile(
            r"报送|上报|报告|汇报|报账|报帐|报至|报给|报到|报[县乡镇区市街各]|报\(|材料|总结|情况说明|反馈|报备|备案"
        ),
        60,
    ),
    Kind(
        "check",
        "检查、排查、入户",
        re.compile(r"检查|排查|巡查|摸排|摸底|核查|核实|督查|入户|走访|普查|调查|暗访|清查|查验|巡逻|值守|值班"),
        240,
    ),
    Kind(
        "responsibility",
        "责任主体、专人专岗",
        re.compile(
            r"责任主体|第一责任人|负总责|主体责任|责任书|包干|包保|专人专岗|专人|责任人|承诺书|军令状|"
            r"(?:设|设立|设置|配备|明确)[^,;。]{0,12}(?:员|会计|文书|专干|出纳)|每村\d+名"
        ),
        240,
    ),
    Kind(
        "app",
        "政务APP、工作群、打卡",
        re.compile(r"(?i)app|微信群|工作群|打卡|小程序|系统录入|平台录入|公众号|转发|点赞"),
        30,
    ),
    Kind("campaign", "创建评比、考核验收", re.compile(r"创建|评比|达标|验收|考评|排名|一票否决|争创"), 480),
    Kind(
        "deadline",
        "限期完成",
        re.compile(
            r"\d+月\d+日.{0,8}前|月底前|年底前|限期|限时|立即|当天|当日|\d+个?工作日内|\d+小时内|\d+日内|\d+天内"
        ),
        60,
    ),
    Kind(
        "task",
        "其他工作任务",
        re.compile(
            r"做好|开展|落实|完成|组织|制定|建立|健全|形成|配合|协助|宣传|动员|负责|承担|实施|推进|清理|整治|督促|引导|发放|张贴|"
            r"收集|采集|更新|维护|劝导|劝阻|宣讲|服务|帮扶|救助|保洁|打扫|管控|监测|跟踪|处置|调解|排查"
        ),
        120,
    ),
]
KIND_BY_KEY = {k.key: k for k in KINDS}

_FREQUENCY = [
    (re.compile(r"每[日天]|日报|每个工作日|逐日|天天"), "每日", 250),
    (re.compile(r"每周|周报|每星期|每个星期"), "每周", 52),
    (re.compile(r"每半月|半月报"), "每半月", 24),
    (re.compile(r"每月|月报|按月|每个月"), "每月", 12),
    (re.compile(r"每季|季报|按季"), "每季度", 4),
    (re.compile(r"每半年|半年报"), "每半年", 2),
    (re.compile(r"每年|年报|按年|年度"), "每年", 1),
]


def frequency(text: str) -> tuple[str, int]:
    """How often a clause's work recurs (label, occurrences a year); a one-off is once."""
    for pattern, label, per_year in _FREQUENCY:
        if pattern.search(text):
            return label, per_year
    return "一次性", 1


# --- finding the actor ------------------------------------------------------------------------


@dataclass
class Segment:
    text: str
    actor: str  # "community", "other" or "" (none named here)
    who: str  # the words naming the actor
    caused: bool  # someone else makes the community act (要求/由/组织 各社区)
    pred: str = ""  # what the actor named here is to do (the text after it); "" = the whole segment

    @property
    def predicate(self) -> str:
        return self.pred or self.text


# What may stand before the actor at the head of a segment: time phrases, 各/全县/辖区…
_HEAD = re.compile(
    r"(?:同时|此外|另外|其中|并且?|然后|最后|首先|其次|再次|届时|今后|自?即日起|凡|所有|全体|今年|"
    r"全[县区镇乡市]|各|辖区内?|本|\d{1,4}年(?:度)?|\d{1,2}月(?:\d{1,2}日)?(?:[上下]午)?(?:前|起)?|"
    r"[上下]午|[^,]{0,8}(?:期间|之前|之后|以前|以后|过程中))*(?:(?:特别是?|尤其是?)?在?[^,]{0,12}的)?"
)
# "社区" used as a modifier or a topic (社区减负、社区工作、社区居民…), not as the committee.
_MODIFIER_AFTER = re.compile(
    r"^(?:组织)?[“\"]?(?:减负|工作(?!者|人员)|治理|建设|居民|群众|事务|服务(?!站|中心)|负担|公共|自治|发展|社会组织|党群|办公|"
    r"用房|场所|资源|数据|环境|卫生|管理|考核|内|外|职责|职能|功能|能力|层面|范围|实际|一级|文化|矫正|医院|"
    r"戒毒|养老|商业|万能章|组织(?:承担|负担|难以|工作事务|的)|印章|公章|专职|网格化|疫情|防控|出具|"
    r"过度|行政化|规模|面积|类型|居家|微|小区|志愿|教育|警务|民警|康复|团购|减负增效|信息|书记(?:和|、))"
)


def _lead_actor(seg: str) -> tuple[str, str, int]:
    """The actor named at the head of a segment (after time phrases), if any, and where it ends."""
    for m in ACTOR.finditer(seg):
        if m.start() > _LEAD:
            break
        before = seg[: m.start()]
        if not _HEAD.fullmatch(before):
            break  # a verb or a preposition comes first: whoever is named here is not the subject
        if m.group("c") and _MODIFIER_AFTER.match(seg[m.end() :]):
            return "", "", 0  # 社区减负工作… — a topic, not the committee
        return ("community" if m.group("c") else "other"), m.group(0), m.end()
    return "", "", 0


def segments(body: str) -> list[Segment]:
    out: list[Segment] = []
    for raw in re.split(r"[,:]", body):
        seg = raw.strip()
        if not seg:
            continue
        cause = CAUSE.search(seg)
        if cause and not PROHIBIT.search(seg[: cause.start()]) and not REDUCE.search(seg[: cause.start()]):
            rest = seg[cause.end() :]
            if "的" in rest and not MODAL.search(rest):
                out.append(Segment(seg, "", "", False))  # 「交由社区代办的事项」 names work, sets none
                continue
            named = COMMUNITY.search(cause.group(0))
            out.append(Segment(seg, "community", named.group(0) if named else cause.group(0), True))
            continue
        actor, who, end = _lead_actor(seg)
        out.append(Segment(seg, actor, who, False, seg[end:] if end else ""))
    return out


# --- classifying one clause -------------------------------------------------------------------


@dataclass
class Verdict:
    """What the scanner says of one clause (before the gate is asked)."""

    burden: bool
    kind: str = ""
    kinds: list[str] = field(default_factory=list)
    who: str = ""
    reason: str = ""  # why not, for people and the dev-set report


# Titles and quoted names (《防止返贫监测帮扶摸底调查表》) say nothing about what is forbidden.
_QUOTED = re.compile(r"《[^》]*》|“[^”]*”|\"[^\"]*\"")


def _unquoted(text: str) -> str:
    return _QUOTED.sub("", text)


def _is_prohibition(text: str) -> bool:
    stripped = _EMPHASIS.sub("", _unquoted(text))
    return bool(PROHIBIT.search(stripped))


def classify(body: str, *, context: str = "") -> Verdict:
    """Does this clause (without its point marker) put work on communities? ``context`` is
    "community" when the clause before it (same paragraph, or the list it introduced) put work on
    communities and this one may go on with the same subject (「…；按时报送…」)."""
    norm = body.translate(NORMALISE)
    if _AIM.match(norm):
        return Verdict(False, reason="目的或依据")
    segs = segments(norm)
    actor, named = context, False
    hits: list[tuple[Segment, list[str]]] = []
    blocked = False  # a prohibition, a limit or an option governs the current subject
    for seg in segs:
        if seg.caused:
            # 「各部门不得以…为由，要求社区增挂…」: the prohibition before binds the causing
            blocked = blocked or _is_prohibition(seg.text)
            actor, named = "community", True
        elif seg.actor:
            actor, named = seg.actor, named or seg.actor == "community"
            blocked = False
        bare = _unquoted(seg.text)
        if _is_prohibition(seg.text) or LIMIT.search(bare) or OPTIONAL.search(bare) or ROLE.search(bare):
            blocked = True
        if actor != "community" or blocked:
            continue
        kinds = [k.key for k in KINDS if k.pattern.search(seg.predicate)]
        if (
            RULE_TALK.search(seg.text)
            and not set(kinds) - {"task", "check", "plaque", "responsibility"}
            and not HANDS_ON.search(seg.predicate)
        ):
            continue  # 「按照减负清单…」 restates the rulebook (a report on it, or publicity for it, is work)
        if kinds == ["task"] and not (seg.caused or MODAL.search(seg.text) or _IMPERATIVE_LEAD.match(seg.predicate)):
            continue  # a bare verb (「关键靠落实」) sets no task; 「社区加大宣传力度」 is a plan's imperative
        if kinds:
            hits.append((seg, kinds))
    if not hits:
        if actor == "community" and blocked:
            return Verdict(False, reason="重申禁止性或限制性规定")
        return Verdict(False, reason="不以社区为义务主体")
    caused = any(seg.caused for seg, _k in hits)
    # An obligation needs a modal or a deadline, or someone making the community act, or an
    # imperative with the community named as subject (「各社区全面清理…」) that reports no past.
    if not (MODAL.search(norm) or caused or (named and not PAST.search(norm))):
        return Verdict(False, reason="陈述，未设定义务")
    clause_kinds: list[str] = []
    for _seg, kinds in hits:
        clause_kinds += [k for k in kinds if k not in clause_kinds]
    order = [k.key for k in KINDS]
    clause_kinds.sort(key=order.index)
    who = next((s.who for s, _k in hits if s.who), "")
    return Verdict(True, clause_kinds[0], clause_kinds, who)


# --- the scan ---------------------------------------------------------------------------------

# The gate as the scanner sees it: (clause text, kind) -> dict with verdict, verdict_label,
# basis, item_code, item_title, item_per_year (or None when not on the lists).
Gate = Callable[[str, str], dict[str, Any]]

FIXES = {
    "listed": "在文中写明所依据的清单事项（{item}），并按清单规定的频次和方式执行。",
    "admitted": "在文中写明准入批准文号（{item}），按准入时核定的范围执行。",
    "unlisted": "未入清单、未经准入：删除该条款，或改由本部门（乡镇）自行承担；确需社区协助的，先申请准入，经费随事转。",
    "negative": "属负面清单事项，社区不得承担：删除该条款，由职能部门依法履职。",
    "mismatch": "与清单依据不符（{why}）：按清单事项（{item}）的频次和方式修改该条款，或另行申请准入。",
    "review": "与清单事项（{item}）相近但不能认定：请审核人员对照清单确认，或在文中写明所依据的清单事项。",
}
RULES = {
    "listed": "清单内事项：社区依清单承接",
    "admitted": "已经领导小组审议准入的事项",
    "unlisted": "未入工作事项清单的事项，社区一律不接（未经准入）",
    "negative": "不应由社区承担的事项（负面清单），社区不作为责任主体",
    "mismatch": "依清单承接，频次、方式不得超出清单规定",
    "review": "待人工研判：比对结果不足以认定在清单内或属负面清单",
}


@dataclass
class ScannedClause:
    clause: Clause
    verdict: Verdict
    gate: dict[str, Any] = field(default_factory=dict)
    frequency: str = ""
    occurrences: int = 0
    minutes: int = 0
    communities: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return self.verdict.burden

    @property
    def total_minutes(self) -> int:
        return self.occurrences * self.minutes * self.communities

    def as_dict(self) -> dict[str, Any]:
        c, v = self.clause, self.verdict
        out: dict[str, Any] = {
            "index": c.index,
            "start": c.start,
            "end": c.end,
            "text": c.text,
            "flagged": v.burden,
        }
        if v.burden:
            kind = KIND_BY_KEY[v.kind]
            out.update(
                kind=v.kind,
                kind_label=kind.label,
                kinds=v.kinds,
                subject=v.who,
                verdict=self.gate.get("verdict", ""),
                verdict_label=self.gate.get("verdict_label", ""),
                basis=self.gate.get("basis", ""),
                rule=self.findings[0].rule if self.findings else "",
                fix=self.findings[0].message if self.findings else "",
                estimate={
                    "frequency": self.frequency,
                    "occurrences_per_year": self.occurrences,
                    "minutes_per_occurrence": self.minutes,
                    "communities": self.communities,
                    "total_minutes": self.total_minutes,
                    "total_hours": round(self.total_minutes / 60, 1),
                },
                findings=[f.as_dict() for f in self.findings],
            )
        return out


@dataclass
class ScanResult:
    text: str
    converted: bool  # traditional characters were converted
    clauses: list[ScannedClause]

    @property
    def flagged(self) -> list[ScannedClause]:
        return [c for c in self.clauses if c.flagged]

    @property
    def total_minutes(self) -> int:
        return sum(c.total_minutes for c in self.flagged)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for c in self.flagged:
            key = c.gate.get("verdict", "")
            out[key] = out.get(key, 0) + 1
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "converted_from_traditional": self.converted,
            "characters": len(self.text),
            "clause_count": len(self.clauses),
            "flagged_count": len(self.flagged),
            "verdicts": self.counts(),
            "total_minutes": self.total_minutes,
            "total_hours": round(self.total_minutes / 60, 1),
            "clauses": [c.as_dict() for c in self.clauses],
        }


def _no_gate(text: str, kind: str) -> dict[str, Any]:
    if kind == "negative":
        return {"verdict": "negative", "verdict_label": "负面清单"}
    return {"verdict": "unlisted", "verdict_label": "未准入"}


def _judge(sc: ScannedClause, gate: Gate) -> None:
    v = sc.verdict
    result = dict(gate(sc.clause.body, v.kind))
    if v.kind == "negative" and result.get("verdict") in ("unlisted", ""):
        result.update(verdict="negative", verdict_label="负面清单")
    per_year = result.get("item_per_year")
    if result.get("verdict") == "listed" and per_year is not None and sc.occurrences > float(per_year):
        result.update(
            verdict="mismatch",
            verdict_label="依据不符",
            why=f"本条{sc.frequency}（约 {sc.occurrences} 次/年），清单规定约 {float(per_year):g} 次/年",
        )
    elif (
        result.get("verdict") == "listed"
        and v.kind == "certificate"
        and result.get("item_category")
        not in (
            None,
            "certificate",
        )
    ):
        result.update(verdict="mismatch", verdict_label="依据不符", why="本条要求出具证明，所引清单事项不是证明事项")
    sc.gate = result
    verdict = result.get("verdict", "unlisted")
    item = " ".join(x for x in (result.get("item_code"), result.get("item_title")) if x) or result.get("basis", "")
    message = FIXES.get(verdict, FIXES["unlisted"]).format(
        item=item or "清单事项", why=result.get("why") or result.get("basis") or "见审查依据"
    )
    severity = "info" if verdict in ("listed", "admitted") else ("block" if verdict == "negative" else "warn")
    kind = KIND_BY_KEY[v.kind]
    sc.findings = [
        clause_finding(
            rule=RULES.get(verdict, RULES["unlisted"]),
            message=message,
            severity=severity,
            citation=result.get("basis", "") or kind.label,
        )
    ]


_SALUTATION = re.compile(r"^[^。;；]{2,80}[:：]$")
_ADDRESSEE_DUTY = re.compile(r"^请|请(?:各|你们|认真|按时|及时|于|结合|根据)|^(?:要|须|务必|必须)")


def _is_salutation(text: str) -> bool:
    """The 主送机关 line of a notice: 「各乡（镇）人民政府，县直各部门：」"""
    return bool(_SALUTATION.match(text.strip())) and bool(ACTOR.search(text.translate(NORMALISE)))


_INLINE_HEAD = re.compile(r"^([^。;；:：]{2,80})[:：](.+)$", re.S)


def _inline_addressees(body: str) -> str | None:
    """The sentence after a mixed 主送 list that names communities among others
    (「各村（社区）党组织，辖区各部门：现将…印发给你们，请认真执行。」), when that sentence names
    no one itself: it binds every addressee, communities included, whoever is named last."""
    m = _INLINE_HEAD.match(body.strip())
    if m is None:
        return None
    head, rest = m.group(1).translate(NORMALISE), m.group(2).strip()
    parts = segments(head.replace("、", ","))
    actors = {seg.actor for seg in parts}
    if not rest or "" in actors or any(seg.caused for seg in parts) or actors != {"community", "other"}:
        return None
    if any(seg.actor or seg.caused for seg in segments(rest.translate(NORMALISE))):
        return None
    return rest


def scan(text: str, *, gate: Gate | None = None, communities: int = 1, converted: bool = False) -> ScanResult:
    """Split ``text`` (already simplified) into clauses, flag those that put work on communities,
    ask the gate about each flagged one and estimate its burden on ``communities`` committees."""
    gate = gate or _no_gate
    scanned: list[ScannedClause] = []
    context, paragraph, open_list, addressed = "", -1, False, False
    for clause in split_clauses(text):
        if clause.paragraph < 4 and _is_salutation(clause.text):
            addressed = addressed or bool(COMMUNITY.search(clause.text.translate(NORMALISE)))
            scanned.append(ScannedClause(clause, Verdict(False, reason="主送机关")))
            continue
        if clause.paragraph != paragraph:
            # A new paragraph starts afresh, unless the last one introduced a list (…如下：).
            if not open_list:
                context = ""
            paragraph = clause.paragraph
        body = clause.body
        if clause.heading:
            scanned.append(ScannedClause(clause, Verdict(False, reason="标题")))
            context, open_list = "", False
            continue
        inline = _inline_addressees(body) if clause.paragraph < 4 else None
        if inline is not None:
            body, context = inline, "community"  # the 主送 line and the first sentence as one clause
        segs = segments(body.translate(NORMALISE))
        if addressed and not any(x.actor or x.caused for x in segs) and _ADDRESSEE_DUTY.search(body):
            context = "community"  # 「各村（社区）：…请于5日前报送」 binds the addressees
        verdict = classify(body, context=context)
        if any(s.actor or s.caused for s in segs) or not verdict.burden:
            context = "community" if verdict.burden and segs[-1].actor in ("community", "") else ""
        open_list = clause.text.rstrip().endswith(("：", ":"))
        sc = ScannedClause(clause, verdict)
        if verdict.burden:
            sc.frequency, sc.occurrences = frequency(body)
            sc.minutes = KIND_BY_KEY[verdict.kind].minutes
            sc.communities = max(int(communities), 1)
            _judge(sc, gate)
        scanned.append(sc)
    return ScanResult(text, converted, scanned)
