"""Test helpers shared by every app: a small two-county world with one persona per role.

Built through the real actions (so audit entries exist as in production). Personas::

    county_mzj, county_zzb     县级民政/组织 (list owners, reviewers) of 汉阴县
    leading_group              领导小组 (approver)
    dept_officer, dept_officer2  部门经办人 of two county departments
    township_officer           乡镇经办人 of 城关镇; township2_officer of 涧池镇
    community_worker           社区工作者 of 东关社区 (城关镇); village_worker of a 涧池镇 village
    sysadmin                   系统管理员 of 汉阴县
    other_county_officer       县级民政 of 石泉县 (another jurisdiction: must see nothing of 汉阴县)
    other_sysadmin             系统管理员 of 石泉县
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jianfu.orgs.actions import do_create_org, do_create_user
from jianfu.orgs.choices import DeptKind, OrgKind, Role
from jianfu.orgs.models import Org, User

PASSWORD = "Test-password-2026"


@dataclass
class World:
    orgs: dict[str, Org] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        if name in self.users:
            return self.users[name]
        if name in self.orgs:
            return self.orgs[name]
        raise AttributeError(name)


def _org(world: World, key: str, code: str, name: str, kind: str, parent: str | None, **kw: Any) -> Org:
    org = do_create_org(actor=None, code=code, name=name, kind=kind, parent=world.orgs.get(parent or ""), **kw)
    world.orgs[key] = org
    return org


def _user(world: World, key: str, org: str, role: str, full_name: str) -> User:
    user = do_create_user(
        actor=None,
        username=key,
        full_name=full_name,
        org=world.orgs[org],
        role=role,
        password=PASSWORD,
        _skip_password_validation=True,
    )
    world.users[key] = user
    return user


def build_world() -> World:
    w = World()
    _org(w, "province", "610000", "陕西省", OrgKind.PROVINCE, None)
    _org(w, "city", "610900", "安康市", OrgKind.CITY, "province")
    _org(w, "county", "610921", "汉阴县", OrgKind.COUNTY, "city")
    _org(w, "zzb", "610921D01", "中共汉阴县委组织部", OrgKind.DEPARTMENT, "county", dept_kind=DeptKind.ORGANISATION)
    _org(w, "mzj", "610921D02", "汉阴县民政局", OrgKind.DEPARTMENT, "county", dept_kind=DeptKind.CIVIL_AFFAIRS)
    _org(
        w,
        "ldxz",
        "610921D03",
        "汉阴县城乡社区减负工作领导小组",
        OrgKind.DEPARTMENT,
        "county",
        dept_kind=DeptKind.LEADING_GROUP,
    )
    _org(w, "wjj", "610921D04", "汉阴县卫生健康局", OrgKind.DEPARTMENT, "county")
    _org(w, "rsj", "610921D05", "汉阴县人力资源和社会保障局", OrgKind.DEPARTMENT, "county")
    _org(w, "chengguan", "610921100", "城关镇", OrgKind.TOWNSHIP, "county")
    _org(w, "jianchi", "610921101", "涧池镇", OrgKind.TOWNSHIP, "county")
    _org(w, "chengguan_office", "610921100T01", "城关镇党政综合办公室", OrgKind.DEPARTMENT, "chengguan")
    _org(w, "dongguan", "610921100001", "东关社区", OrgKind.COMMUNITY, "chengguan", staff_count=6)
    _org(w, "xiguan", "610921100002", "西关社区", OrgKind.COMMUNITY, "chengguan", staff_count=5)
    _org(w, "qiaoshang", "610921100201", "桥上村", OrgKind.VILLAGE, "chengguan", staff_count=4)
    _org(w, "jianchi_sq", "610921101001", "涧池社区", OrgKind.COMMUNITY, "jianchi", staff_count=5)
    _org(w, "heqiao", "610921101201", "河桥村", OrgKind.VILLAGE, "jianchi", staff_count=4)
    # Another county: must see nothing of 汉阴县, and be seen by nobody there.
    _org(w, "other_county", "610922", "石泉县", OrgKind.COUNTY, "city")
    _org(
        w,
        "other_mzj",
        "610922D02",
        "石泉县民政局",
        OrgKind.DEPARTMENT,
        "other_county",
        dept_kind=DeptKind.CIVIL_AFFAIRS,
    )
    _org(w, "other_dept", "610922D04", "石泉县卫生健康局", OrgKind.DEPARTMENT, "other_county")
    _org(w, "other_township", "610922100", "城关镇", OrgKind.TOWNSHIP, "other_county")
    _org(w, "other_community", "610922100001", "江南社区", OrgKind.COMMUNITY, "other_township")

    _user(w, "county_mzj", "mzj", Role.LIST_OWNER, "李秀英")
    _user(w, "county_zzb", "zzb", Role.LIST_OWNER, "王志强")
    _user(w, "leading_group", "ldxz", Role.APPROVER, "陈明")
    _user(w, "dept_officer", "wjj", Role.DEPT_OFFICER, "刘洋")
    _user(w, "dept_officer2", "rsj", Role.DEPT_OFFICER, "周婷")
    _user(w, "township_officer", "chengguan", Role.TOWNSHIP_OFFICER, "赵敏")
    _user(w, "township2_officer", "jianchi", Role.TOWNSHIP_OFFICER, "吴刚")
    _user(w, "community_worker", "dongguan", Role.COMMUNITY_WORKER, "孙丽")
    _user(w, "village_worker", "heqiao", Role.COMMUNITY_WORKER, "郑海")
    _user(w, "sysadmin", "county", Role.SYSADMIN, "张建国")
    _user(w, "other_county_officer", "other_mzj", Role.LIST_OWNER, "黄芳")
    _user(w, "other_sysadmin", "other_county", Role.SYSADMIN, "何平")
    _user(w, "other_dept_officer", "other_dept", Role.DEPT_OFFICER, "钱军")
    return w


def pdf_facts(data: bytes) -> tuple[str, list[str]]:
    """(all text, names of embedded fonts) of a PDF, read back with pypdf."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    fonts: set[str] = set()
    for page in reader.pages:
        resources = page.get("/Resources")
        font_dict = resources.get_object().get("/Font") if resources is not None else None
        for font in font_dict.get_object().values() if font_dict is not None else []:
            font = font.get_object()
            for desc in font.get("/DescendantFonts", []) or [font]:
                descriptor = desc.get_object().get("/FontDescriptor")
                if descriptor is None:
                    continue
                descriptor = descriptor.get_object()
                if any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    fonts.add(str(desc.get_object()["/BaseFont"]))
    return text, sorted(fonts)


MM = 72 / 25.4  # PDF points per millimetre


@dataclass(frozen=True)
class PdfLine:
    """One line of text as laid out on a page: position in mm from the page's top-left corner,
    the first glyph's size (pt), font and fill colour (RGB 0–1)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    color: tuple[float, ...]


@dataclass(frozen=True)
class PdfPage:
    width: float  # mm
    height: float
    lines: list[PdfLine]
    rules: list[tuple[float, float, float, tuple[float, ...]]]  # filled/stroked rules: x0, x1, top, colour

    def find(self, text: str) -> PdfLine:
        for line in self.lines:
            if "".join(text.split()) in "".join(line.text.split()):
                return line
        raise AssertionError(f"{text!r} not on the page: {[line.text for line in self.lines]}")


def pdf_layout(data: bytes) -> list[PdfPage]:
    """Every page's text lines and horizontal rules with positions and colours, read back with
    pdfminer.six (LTChar.graphicstate carries the fill colour of each glyph)."""
    import io

    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTCurve, LTTextLine

    def walk(node: Any) -> Any:
        yield node
        if hasattr(node, "__iter__") and not isinstance(node, LTTextLine):
            for child in node:
                yield from walk(child)

    def rgb(value: Any) -> tuple[float, ...]:
        if value is None:
            return (0.0, 0.0, 0.0)
        return tuple(float(v) for v in (value if isinstance(value, (list, tuple)) else [value] * 3))

    pages = []
    for page in extract_pages(io.BytesIO(data), laparams=LAParams(line_margin=0.1)):
        lines: list[PdfLine] = []
        rules: list[tuple[float, float, float, tuple[float, ...]]] = []
        for node in walk(page):
            if isinstance(node, LTTextLine):
                chars = [c for c in node if isinstance(c, LTChar)]
                if chars and node.get_text().strip():
                    first = chars[0]
                    top, bottom = (page.height - node.y1) / MM, (page.height - node.y0) / MM
                    lines.append(
                        PdfLine(node.get_text().strip(), node.x0 / MM, node.x1 / MM, top, bottom, round(first.size, 1),
                                first.fontname, rgb(first.graphicstate.ncolor))
                    )  # fmt: skip
            elif isinstance(node, LTCurve) and node.height < 2 * MM and node.width > 20 * MM:
                color = node.non_stroking_color if node.fill else node.stroking_color
                rule = (node.x0 / MM, node.x1 / MM, (page.height - node.y1) / MM, rgb(color))
                # A border may come back as its outline's two long edges: count it once.
                if not any(abs(r[2] - rule[2]) < 1 and r[3] == rule[3] and abs(r[0] - rule[0]) < 1 for r in rules):
                    rules.append(rule)
        pages.append(PdfPage(page.width / MM, page.height / MM, sorted(lines, key=lambda ln: (ln.top, ln.x0)), rules))
    return pages


def assert_official_document(
    data: bytes, *, mark: str, title: str, doc_no: str = "", recipients: str = "", date: str = ""
) -> list[PdfPage]:
    """Check a PDF is laid out as a 公文 (GB/T 9704-2012): the red 发文机关标志 over the red rule,
    the 发文字号 between them, the title centred below, 主送 flush left, 成文日期 on the last page
    before the 版记, dashed page numbers. Returns the pages for further checks."""
    pages = pdf_layout(data)
    first, last = pages[0], pages[-1]
    assert (round(first.width), round(first.height)) == (210, 297)
    head = first.find(mark)
    assert head.color[0] > 0.8 and max(head.color[1:]) < 0.25, f"mark not red: {head.color}"
    red = [r for r in first.rules if r[3][0] > 0.8 and max(r[3][1:]) < 0.25]
    assert len(red) == 1 and red[0][2] > head.bottom and abs(red[0][1] - red[0][0] - 156) < 1
    if doc_no:
        number = first.find(doc_no)
        assert head.bottom < number.top < red[0][2]
    heading = first.find(title[:12])
    assert heading.top > red[0][2] and abs((heading.x0 + heading.x1) / 2 - 106) < 2 and heading.size == 22
    if recipients:
        to = first.find(recipients + "：")
        assert to.top > heading.top and abs(to.x0 - 28) < 0.5
    if date:
        signed = [ln for page in pages for ln in page.lines if ln.text == date]
        assert signed, f"成文日期 {date} not printed on its own line"
        assert last.find(date + "印发").size == 14  # 版记
    assert first.find("— 1 —").size == 14
    return pages
