"""Bulk import of communities (社区/村) and accounts from one workbook, all or nothing.

The sheet 社区 adds communities and villages under townships of the administrator's jurisdiction;
the sheet 账号 adds accounts in any org of it (including the communities of the same file). Each
new account gets a random one-time password that must be changed at first sign-in; the passwords
come back once, in a 初始密码 sheet of the result workbook downloaded by the administrator who ran
the import (never stored in clear, never shown on a page).
"""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook

from jianfu.core import audit
from jianfu.core.errors import ActionError, NotAllowed
from jianfu.core.xlsx import TemplateColumn, instructions_sheet, iter_rows, open_workbook, template_sheet, write_rows

from . import actions
from .choices import GRASSROOTS_KINDS, OrgKind, Role
from .permissions import is_sysadmin
from .scoping import visible_orgs

ORG_SHEET, USER_SHEET = "社区", "账号"
ORG_COLUMNS = ["编码", "名称", "上级编码", "类型"]
USER_COLUMNS = ["用户名", "姓名", "所属组织编码", "角色", "电话"]
KIND_BY_LABEL = {str(OrgKind(k).label): k for k in GRASSROOTS_KINDS}
ASSIGNABLE = [r for r in Role if r not in (Role.SYSADMIN, Role.SECADMIN, Role.AUDITOR)]
ROLE_BY_LABEL = {str(r.label): r.value for r in ASSIGNABLE}
MAX_ROWS = 2000


def template_workbook(user: Any) -> Workbook:
    orgs = visible_orgs(user).filter(is_active=True)
    townships = [o.code for o in orgs.filter(kind=OrgKind.TOWNSHIP).order_by("code")]
    org_columns = [
        TemplateColumn("编码", 16, required=True, note=_("12 位区划代码（上级乡镇代码 + 3 位），如 610921100009。")),
        TemplateColumn("名称", 24, required=True),
        TemplateColumn("上级编码", 16, townships, required=True, note=_("本辖区乡镇（街道）编码，从下拉列表选择。")),
        TemplateColumn("类型", 14, list(KIND_BY_LABEL), required=True),
    ]
    user_columns = [
        TemplateColumn("用户名", 18, required=True, note=_("3–40 位字母、数字或 _ . @ -，不得与已有账号重复。")),
        TemplateColumn("姓名", 12, required=True),
        TemplateColumn("所属组织编码", 16, required=True, note=_("本辖区组织编码，或本文件“社区”表中新增的编码。")),
        TemplateColumn("角色", 16, list(ROLE_BY_LABEL), required=True),
        TemplateColumn("电话", 14),
    ]
    book = Workbook()
    first = book.active
    first.title = ORG_SHEET
    template_sheet(book, first, org_columns)
    template_sheet(book, book.create_sheet(USER_SHEET), user_columns)
    rules = [
        _("两张表都可只填一张；任一行有误则整个文件不导入，并列出每个错误的表、行号和列。"),
        _("新账号的初始密码随机生成，导入成功后在结果文件的“初始密码”表中（只提供这一次），首次登录须修改。"),
    ]
    instructions_sheet(book, [*org_columns, *user_columns], rules=rules)
    return book


def _rows(book: Any, title: str, columns: list[str], errors: list[dict[str, Any]]) -> list[tuple[int, list[str]]]:
    if title not in book.sheetnames:
        return []
    sheet = book[title]
    header = [str(c or "").strip() for c in next(sheet.iter_rows(max_row=1, values_only=True), ())]
    if header[: len(columns)] != columns:
        errors.append({"sheet": title, "row": 1, "column": "", "message": _("表头应为：{h}。请使用下载的模板。").format(
            h="、".join(columns))})  # fmt: skip
        return []
    return [
        (n, [str(v).strip() if v is not None else "" for v in (*values, *[None] * len(columns))][: len(columns)])
        for n, values in iter_rows(sheet, max_rows=MAX_ROWS)
    ]


@transaction.atomic
def do_import_orgs_and_accounts(*, actor: Any, upload: Any) -> list[dict[str, str]]:
    """Create every community and account of the workbook, or nothing (ActionError with every row
    error). Returns the new accounts with their one-time passwords, for the result workbook."""
    if not is_sysadmin(actor):
        raise NotAllowed(_("只有系统管理员可以批量导入社区和账号。"))
    book = open_workbook(upload)
    errors: list[dict[str, Any]] = []
    org_rows = _rows(book, ORG_SHEET, ORG_COLUMNS, errors)
    user_rows = _rows(book, USER_SHEET, USER_COLUMNS, errors)
    if not errors and not org_rows and not user_rows:
        raise ActionError(_("文件中没有要导入的社区或账号。"))

    def fail(sheet: str, row: int, column: str, exc: ActionError) -> None:
        errors.append({"sheet": sheet, "row": row, "column": column, "message": exc.message})

    mine = visible_orgs(actor)
    for row, (code, name, parent_code, kind_label) in org_rows:
        parent = mine.filter(code=parent_code, kind=OrgKind.TOWNSHIP).first()
        if parent is None:
            fail(ORG_SHEET, row, "C（上级编码）", ActionError(_("上级编码不是本辖区的乡镇（街道）。")))
            continue
        if kind_label not in KIND_BY_LABEL:
            fail(ORG_SHEET, row, "D（类型）", ActionError(_("类型应为：{k}。").format(k="、".join(KIND_BY_LABEL))))
            continue
        try:
            actions.do_create_org(actor=actor, code=code, name=name, kind=KIND_BY_LABEL[kind_label], parent=parent)
        except ActionError as exc:
            fail(ORG_SHEET, row, "A（编码）" if exc.field == "code" else "B（名称）", exc)
    created: list[dict[str, str]] = []
    for row, (username, full_name, org_code, role_label, phone) in user_rows:
        org = visible_orgs(actor).filter(code=org_code, is_active=True).first()
        if org is None:
            fail(USER_SHEET, row, "C（所属组织编码）", ActionError(_("找不到该组织编码，或不在您的辖区内。")))
            continue
        if role_label not in ROLE_BY_LABEL:
            fail(USER_SHEET, row, "D（角色）", ActionError(_("角色应从下拉列表中选择。")))
            continue
        password = "Jf-" + secrets.token_urlsafe(12)
        try:
            user = actions.do_create_user(actor=actor, username=username, full_name=full_name, org=org,
                                          role=ROLE_BY_LABEL[role_label], password=password, phone=phone)  # fmt: skip
        except ActionError as exc:
            column = {"username": "A（用户名）", "full_name": "B（姓名）", "role": "D（角色）"}.get(exc.field or "", "")
            fail(USER_SHEET, row, column, exc)
            continue
        created.append({"username": user.username, "full_name": user.full_name, "org": org.name, "password": password})
    if errors:
        raise ActionError(_("导入失败，共 {n} 处错误，未保存任何社区或账号。").format(n=len(errors)), errors=errors)
    audit.record(actor, "orgs.bulk_import", None, org=actor.org,
                 after={"orgs": len(org_rows), "accounts": [c["username"] for c in created]})  # fmt: skip
    return created


def result_workbook(created: list[dict[str, str]]) -> Workbook:
    """The one-time passwords, for the administrator to hand over; each must be changed at first sign-in."""
    book = Workbook()
    sheet = book.active
    sheet.title = "初始密码"
    write_rows(sheet, [["用户名", "姓名", "所属组织", "初始密码（首次登录须修改）"]])
    write_rows(sheet, [[c["username"], c["full_name"], c["org"], c["password"]] for c in created])
    for letter, width in zip("ABCD", (18, 12, 24, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    return book
