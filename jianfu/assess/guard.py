"""Seed 000 beyond the assessment app: a department assessing or ranking communities by other
means — a task it sends (dispatch) or a form it registers (formsreg) whose title or content is
an assessment, ranking or scoring of communities — is the same breach as its attempt to create a
scheme, and goes through the same action (``do_record_dept_attempt``: the yearly tally and a
supervision case, here one case per task or form).

The test is deliberately narrow (dev set and precision/recall in tests/test_guard.py): within one
sentence, an act of assessing/ranking (考核, 评比, 排名, 打分, 红黑榜 …) and communities as its
object (社区, 村（居）, 居委会 …), unless the sentence is about
- the department's own staff or its own place in someone else's ranking (干部、职工 …, 我局),
- the township's comprehensive assessment (乡镇/街道 … 综合考核: the one legitimate assessment),
- a facility whose name starts with 社区 (社区卫生服务中心, 社区医院 …), or
- abolishing or limiting such assessments (取消、不得、不再 … 考核).
A resident's 评价/满意度 form about a service is not an act of assessing communities.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _

# An act of assessing or ranking. 评价 and 满意度 alone are not: residents rate services.
ACT = re.compile(
    r"考核|考评|评比|评分|打分|计分|积分排名|排名|排行|排序通报|红黑榜|红黄榜|晾晒|赛马|评星|星级评定|"
    r"评定等次|评选|测评|比武"
)
# Communities as the object: 社区, 村（居）/村居, 居委会/村委会, 村级组织.
COMMUNITY = re.compile(r"社区|村[（(]?居[）)]?|居委会|村委会|居民委员会|村民委员会|村级")
# Institutions named after the community: assessing them is a sector's own business.
FACILITY = re.compile(
    r"社区(?:卫生服务(?:中心|站)?|医院|学校|大学|食堂|养老服务(?:中心|站|设施)?|矫正|戒毒|康复|"
    r"居家养老服务中心|综合服务设施)"
)
OWN_STAFF = re.compile(r"干部|职工|公务员|机关工作人员|本局|本单位|局机关|在编|我局|全局")
TOWNSHIP_ASSESSMENT = re.compile(
    r"(?:乡镇|街道|镇|乡)[^。；;！？]{0,12}综合考核|综合考核[^。；;！？]{0,6}(?:乡镇|街道)"
)
ABOLISH = re.compile(
    r"(?:取消|清理|不得|不再|禁止|严禁|减少|精简|整治|规范(?!化))[^。；;！？]{0,12}(?:考核|评比|排名|打分|检查)"
)
SENTENCE = re.compile(r"[。；;！？!?\n]+")


def assesses_communities(title: str, description: str = "") -> str:
    """The sentence that assesses or ranks communities, or "" if none does."""
    for sentence in SENTENCE.split(f"{title}。{description}"):
        text = FACILITY.sub("", sentence)
        if not ACT.search(text) or not COMMUNITY.search(text):
            continue
        if ABOLISH.search(text) or TOWNSHIP_ASSESSMENT.search(text):
            continue
        if OWN_STAFF.search(text) and not re.search(r"各(?:社区|村)|对社区|社区(?:工作)?排名", text):
            continue
        return sentence.strip()[:200]
    return ""


def guard_sent(*, actor: Any, kind: str, title: str, description: str, obj: Any) -> None:
    """Registered in core.guards: a department's task or form that assesses communities is a
    breach (recorded, with a case); the task or form itself goes on, as any unlisted task does —
    the community may refuse it."""
    from .actions import do_record_dept_attempt, is_department_officer

    if not is_department_officer(actor):
        return
    found = assesses_communities(title, description)
    if not found:
        return
    what = (_("派发任务「{t}」") if kind == "task" else _("报备表格「{t}」")).format(t=title[:100])
    if found != title.strip()[:200]:
        what += _("：{s}").format(s=found)
    do_record_dept_attempt(actor=actor, what=what, source_obj=obj)
