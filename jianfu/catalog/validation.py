"""One set of rules for a list item, used by the edit form, the Excel import, the API and admission.

``clean_item`` takes raw values (strings from a form or a spreadsheet cell, or typed values from
code) and returns typed values plus every problem found, each as a Chinese message on a field. The
workload fields (roles, funding, frequency, minutes, community type) and the 费随事转 rule are
``workload.clean_workload``'s, shared with admission applications.
"""

from __future__ import annotations

import re
from typing import Any

from jianfu.orgs.choices import OrgKind
from jianfu.orgs.models import Org
from jianfu.orgs.tree import departments_of

from .choices import Body, Category, CertKind, CommunityType, PlaqueKind, PlaquePosition, SourceLevel
from .workload import (
    CERT_KIND_LABEL,
    TAG_RE,
    WORKLOAD_LABELS,
    FieldError,
    WorkContext,
    choice,
    clean_workload,
    date,
    multi,
    text,
)

# Kept under their old names for the modules that import them.
_text, _choice, _date = text, choice, date
__all__ = ["FIELD_LABELS", "TAG_RE", "FieldError", "clean_item", "find_department"]

CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
# A statutory item must cite a law or a regulation by name: 《…法》 or 《…条例》.
LAW_RE = re.compile(r"《[^》]*(法|条例)》")
MAX_QUOTA = 100

# Field names and their Chinese labels, in template column order. The first sixteen are the
# columns of the original template (files made from it still import); provenance and the rest follow.
BASE_LABELS: dict[str, str] = {
    "code": "编号",
    "title": "事项名称",
    "category": "类别",
    "cert_kind": CERT_KIND_LABEL,
    "basis": "制度依据",
    "department": "责任部门",
    "scope": "职责范围",
    "process": "运行流程",
    **WORKLOAD_LABELS,
    "review_date": "复核日期",
}
EXTRA_LABELS: dict[str, str] = {
    "statutory": "法定事项",
    "issuer": "发文机关",
    "doc_number": "文号",
    "issued_on": "发文日期",
    "source_level": "层级",
    "batch": "批次",
    "adopted_from": "承接的上级清单",
    "bodies": "约束主体",
    "community_types": "社区类别",
    "conditions": "适用条件与例外",
    "plaque_kind": "牌子类型",
    "plaque_position": "悬挂位置",
    "plaque_quota": "限挂数量",
}
FIELD_LABELS: dict[str, str] = {**BASE_LABELS, **EXTRA_LABELS}
TRUE_WORDS = {"是", "y", "yes", "true", "1", "法定", "√"}
FALSE_WORDS = {"", "否", "n", "no", "false", "0", "none"}


def _bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    word = text(value).lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def find_department(owner: Org, value: Any) -> Org | None:
    """A department inside ``owner``'s jurisdiction, by code, by exact name, or by name without
    the county prefix (so "民政局" finds "汉阴县民政局")."""
    if isinstance(value, Org):
        candidates = (
            [value] if value.kind == OrgKind.DEPARTMENT and value.region_code.startswith(owner.region_prefix) else []
        )
        return candidates[0] if candidates else None
    text = _text(value)
    if not text:
        return None
    depts = departments_of(owner)
    match = depts.filter(code=text).first() or depts.filter(name=text).first()
    if match is None:
        match = (
            depts.filter(name=f"{owner.name}{text}").first()
            or depts.filter(name=f"中共{owner.name}委{text.removeprefix('县委')}").first()
        )
    return match


def clean_item(raw: dict[str, Any], *, owner: Org, admission: bool = False) -> tuple[dict[str, Any], list[FieldError]]:
    """Validate one item's fields for the lists of ``owner``; returns (typed values, errors).
    ``admission``: the item is a department's application (费随事转 always applies)."""
    errors: list[FieldError] = []
    out: dict[str, Any] = {}

    def err(field: str, message: str) -> None:
        errors.append(FieldError(field, message))

    code = _text(raw.get("code"))
    if not code:
        err("code", "编号不能为空。")
    elif not CODE_RE.match(code):
        err("code", "编号须为 1–32 位字母、数字或 . _ -，以字母或数字开头。")
    out["code"] = code

    title = _text(raw.get("title"))
    if not title:
        err("title", "事项名称不能为空。")
    elif len(title) > 200:
        err("title", "事项名称不能超过 200 字。")
    elif TAG_RE.search(title):
        err("title", "事项名称不能包含 HTML 标签（如 <script>）。")
    out["title"] = title

    category = _choice(raw.get("category"), Category)
    if category is None:
        err("category", "类别不能为空。")
    elif category == "":
        err("category", f"未知的类别“{_text(raw.get('category'))}”。")
    out["category"] = category or ""

    cert_kind = _choice(raw.get("cert_kind"), CertKind)
    if category == Category.CERTIFICATE:
        if not cert_kind:
            err("cert_kind", "证明事项须注明“可出具的证明”或“不得要求社区出具的证明”。")
    elif cert_kind:
        err("cert_kind", "只有证明事项填写证明类型。")
    out["cert_kind"] = cert_kind or ""

    for name, limit in (("basis", 2000), ("scope", 2000), ("process", 2000)):
        value = _text(raw.get(name))
        if len(value) > limit:
            err(name, f"{FIELD_LABELS[name]}不能超过 {limit} 字。")
        elif TAG_RE.search(value):
            err(name, f"{FIELD_LABELS[name]}不能包含 HTML 标签。")
        out[name] = value
    if not out["basis"] and category and category != Category.NEGATIVE:
        err("basis", "制度依据不能为空（负面清单除外）。")

    dept_raw = raw.get("department")
    department = find_department(owner, dept_raw) if dept_raw not in (None, "") else None
    if dept_raw not in (None, "") and department is None:
        err("department", f"未找到责任部门“{_text(dept_raw)}”（须为本辖区的部门名称或编码）。")
    out["department"] = department

    statutory = _bool(raw.get("statutory"))
    if statutory is None:
        err("statutory", "法定事项只能填“是”或“否”。")
        statutory = False
    elif statutory and category and category not in (Category.DUTY, Category.ASSIST):
        err("statutory", "只有履职事项和协助事项可以标为法定事项。")
    elif statutory and not LAW_RE.search(out["basis"]):
        err("basis", "法定事项须在制度依据中写明法律或法规名称，如《中华人民共和国城市居民委员会组织法》第三条。")
    out["statutory"] = statutory

    plaque = _clean_plaque(raw, category or "", err)
    out.update(plaque)
    ctx = WorkContext(
        category=category or "",
        statutory=statutory,
        has_department=department is not None,
        admission=admission,
        cert_kind=out["cert_kind"],
        plaque_kind=plaque["plaque_kind"],
    )
    if department is None and category == Category.ASSIST and not ctx.is_statutory and dept_raw in (None, ""):
        err("department", "协助事项须注明责任部门。")
    workload, problems = clean_workload(raw, ctx)
    out.update(workload)
    errors.extend(problems)
    out.update(_clean_provenance(raw, err))

    try:
        out["review_date"] = date(raw.get("review_date"))
    except ValueError:
        err("review_date", "复核日期格式应为 2026-01-31。")
        out["review_date"] = None

    return out, errors


def _clean_plaque(raw: dict[str, Any], category: str, err: Any) -> dict[str, Any]:
    """Plaques (牌子): allowed or forbidden, 门口 or 室内, a quota — only for 工作机制与牌子."""
    kind = choice(raw.get("plaque_kind"), PlaqueKind)
    position = choice(raw.get("plaque_position"), PlaquePosition)
    quota_raw = text(raw.get("plaque_quota"))
    quota: int | None = None
    if quota_raw:
        if not quota_raw.isdigit() or not (0 <= int(quota_raw) <= MAX_QUOTA):
            err("plaque_quota", f"限挂数量须为 0 至 {MAX_QUOTA} 之间的整数。")
        else:
            quota = int(quota_raw)
    if kind == "":
        err("plaque_kind", "牌子类型只能是：允许悬挂、不得悬挂。")
    if position == "":
        err("plaque_position", "悬挂位置只能是：门口、室内。")
    if (kind or position or quota is not None) and category and category != Category.MECHANISM:
        err("plaque_kind", "只有“工作机制与牌子”类事项填写牌子类型、位置和数量。")
    elif (position or quota is not None) and not kind:
        err("plaque_kind", "填写了悬挂位置或数量的，须注明“允许悬挂”或“不得悬挂”。")
    return {"plaque_kind": kind or "", "plaque_position": position or "", "plaque_quota": quota}


def _clean_provenance(raw: dict[str, Any], err: Any) -> dict[str, Any]:
    """Issuing bodies, 文号, date, level, batch, adopted list; bodies bound; conditions."""
    out: dict[str, Any] = {}
    for name, limit in (
        ("issuer", 200),
        ("doc_number", 64),
        ("batch", 64),
        ("adopted_from", 300),
        ("conditions", 2000),
    ):
        value = text(raw.get(name))
        if len(value) > limit:
            err(name, f"{FIELD_LABELS[name]}不能超过 {limit} 字。")
        elif TAG_RE.search(value):
            err(name, f"{FIELD_LABELS[name]}不能包含 HTML 标签。")
        out[name] = value
    try:
        out["issued_on"] = date(raw.get("issued_on"))
    except ValueError:
        err("issued_on", "发文日期格式应为 2026-01-31。")
        out["issued_on"] = None
    level = choice(raw.get("source_level"), SourceLevel)
    if level == "":
        err("source_level", "层级只能是：国家、省、市、县。")
    out["source_level"] = level or ""
    for name, choices in (("bodies", Body), ("community_types", CommunityType)):
        values = multi(raw.get(name), choices)
        if values is None:
            err(name, f"{FIELD_LABELS[name]}只能是：" + "、".join(str(label) for _v, label in choices.choices) + "。")
            values = []
        out[name] = values
    return out
