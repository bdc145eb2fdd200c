"""Bulk import of communities and accounts: all or nothing, row errors by sheet, one-time
passwords returned once in the result workbook for the system administrator."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from jianfu.core.models import AuditEntry
from jianfu.orgs.models import Org, User

pytestmark = pytest.mark.django_db

URL = "/users/import/"


def _filled(client, orgs, users):
    book = load_workbook(io.BytesIO(client.get(URL + "?template=1").content))
    for row in orgs:
        book["社区"].append(row)
    for row in users:
        book["账号"].append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "导入.xlsx"
    return buffer


def test_the_template_has_two_sheets_with_dropdowns_and_no_rows(world, client_for):
    book = load_workbook(io.BytesIO(client_for("sysadmin").get(URL + "?template=1").content))
    assert book.sheetnames[:2] == ["社区", "账号"] and "填写说明" in book.sheetnames
    assert book["社区"].max_row == 1 and book["账号"].max_row == 1 and book["社区"].freeze_panes == "A2"
    kinds = {str(dv.sqref): dv.formula1 for dv in book["社区"].data_validations.dataValidation}
    assert kinds["D2:D10001"] == '"社区居委会,村民委员会"' and "610921100" in kinds["C2:C10001"]
    roles = [dv for dv in book["账号"].data_validations.dataValidation if str(dv.sqref).startswith("D2")]
    assert roles and "系统管理员" not in roles[0].formula1


def test_a_sysadmin_imports_a_community_and_its_accounts_and_gets_their_passwords_once(world, client_for):
    client = client_for("sysadmin")
    upload = _filled(client, [["610921100009", "新建社区", "610921100", "社区居委会"]],
                     [["xinjian_sj", "王新", "610921100009", "社区工作者", ""],
                      ["xinjian_zf", "李新", "610921100", "乡镇/街道经办人", "13800000000"]])  # fmt: skip
    response = client.post(URL, {"file": upload})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content))["初始密码"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == ["xinjian_sj", "xinjian_zf"]
    community = Org.objects.get(code="610921100009")
    user = User.objects.get(username="xinjian_sj")
    assert user.org == community and user.must_change_password and user.check_password(rows[0][3])
    assert AuditEntry.objects.filter(event_type="orgs.bulk_import").exists()
    signed_in = Client()
    assert signed_in.login(username="xinjian_sj", password=rows[0][3])


def test_one_bad_row_saves_nothing_and_names_sheet_row_and_column(world, client_for):
    client = client_for("sysadmin")
    upload = _filled(client, [["610921100009", "新建社区", "610921100", "社区居委会"],
                              ["610922100009", "外县社区", "610922100", "社区居委会"]],
                     [["xinjian_sj", "王新", "610921100009", "社区工作者", ""],
                      ["county_mzj", "重名", "610921100", "社区工作者", ""]])  # fmt: skip
    html = client.post(URL, {"file": upload}).content.decode()
    assert "导入失败，共 2 处错误" in html and "上级编码不是本辖区的乡镇（街道）" in html and "该用户名已被使用" in html
    assert not Org.objects.filter(code__in=["610921100009", "610922100009"]).exists()
    assert not User.objects.filter(username="xinjian_sj").exists()


def test_only_a_sysadmin_imports_and_not_into_another_county(world, client_for):
    upload = _filled(client_for("sysadmin"), [["610921100009", "新建社区", "610921100", "社区居委会"]], [])
    assert client_for("county_mzj").post(URL, {"file": upload}).status_code == 403
    upload.seek(0)
    html = client_for("other_sysadmin").post(URL, {"file": upload}).content.decode()
    assert "上级编码不是本辖区的乡镇（街道）" in html
    assert not Org.objects.filter(code="610921100009").exists()
