"""Official documents come out in the GB/T 9704-2012 layout: checked on the rendered PDF itself
(positions in mm, glyph colours, embedded fonts), not on the HTML that produced it."""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test.utils import override_settings

from jianfu.core.gongwen import chinese_date, doc_number, doc_prefix, official_document
from jianfu.core.pdf import cjk_font_available, render_pdf
from jianfu.testing import pdf_facts, pdf_layout

PARAGRAPH = "为切实减轻城乡社区负担，各单位不得将清单之外的工作事项交由社区承担，" * 4
PROBE = (
    '{% extends "pdf/gongwen.html" %}{% block body %}'
    + "<p>" + PARAGRAPH + "</p>" * 1
    + "<h2>一、查实问题</h2>"
    + "".join(f"<p>第{n}段。" + PARAGRAPH + "</p>" for n in range(1, 6))
    + "{% endblock %}"
)  # fmt: skip
ISSUER = SimpleNamespace(code="610921D02", name="汉阴县民政局", region_code="610921")
RED = (0.8, 0.25)  # red channel at least, green/blue at most


def _is_red(color: tuple[float, ...]) -> bool:
    return len(color) == 3 and color[0] >= RED[0] and color[1] <= RED[1] and color[2] <= RED[1]


def _render(tmp_path: Path, **extra: object) -> bytes:
    (tmp_path / "probe.html").write_text(PROBE, encoding="utf-8")
    from django.conf import settings

    templates = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    with override_settings(TEMPLATES=templates, DOC_PREFIXES={"610921D02": "汉民发"}, **extra):
        context = official_document(
            issuer=ISSUER, kind="supervision.notice", year=2026, number=3, title="关于社区减负工作情况的通报",
            recipients="各乡镇（街道），县直各有关部门", date=dt.date(2026, 12, 2), cc="县委办公室，县政府办公室",
        )  # fmt: skip
        return render_pdf("probe.html", context)


@pytest.fixture(scope="module")
def notice(tmp_path_factory):
    if not cjk_font_available():  # the cjk_font fixture's rule, at module scope
        (pytest.fail if os.environ.get("JIANFU_REQUIRE_BROWSER") else pytest.skip)("no CJK font installed")
    data = _render(tmp_path_factory.mktemp("gw"))
    return data, pdf_layout(data)


def test_the_page_is_a4_with_the_standard_type_area(notice):
    _, pages = notice
    first = pages[0]
    assert (round(first.width), round(first.height)) == (210, 297)
    body = [ln for ln in first.lines if ln.size == 16 and len(ln.text) == 28]
    assert body, "no full line of body text"
    # 28 characters fill the 156 mm type area from the 28 mm binding margin.
    assert all(abs(ln.x0 - 28) < 0.5 and abs(ln.x1 - 184) < 0.5 for ln in body)
    tops = sorted({round(ln.top, 1) for ln in first.lines if ln.size == 16 and ln.x0 < 29})
    pitches = [b - a for a, b in itertools.pairwise(tops) if b - a < 9]
    assert pitches and all(abs(p - 225 / 28) < 0.2 for p in pitches), pitches
    assert all(ln.bottom <= 297 - 35 + 0.5 for ln in first.lines if ln.size == 16)
    # An even page mirrors the margins: the binding edge is on its right.
    full_even = [ln for ln in pages[1].lines if ln.size == 16 and len(ln.text) == 28]
    assert full_even and all(abs(ln.x0 - 26) < 0.5 and abs(ln.x1 - 182) < 0.5 for ln in full_even)


def test_the_red_issuer_mark_sits_over_the_red_rule_with_the_document_number_between(notice):
    _, pages = notice
    page = pages[0]
    mark = page.find("汉阴县民政局文件")
    assert _is_red(mark.color) and mark.size > 30
    assert abs((mark.x0 + mark.x1) / 2 - (28 + 156 / 2)) < 1  # centred on the type area
    assert 37 + 35 - 1 < mark.top < 37 + 35 + 8  # about 35 mm below the type area's top
    number = page.find("汉民发〔2026〕3号")
    assert number.top > mark.bottom and abs((number.x0 + number.x1) / 2 - 106) < 1
    red_rules = [r for r in page.rules if _is_red(r[3])]
    assert len(red_rules) == 1
    x0, x1, top, _color = red_rules[0]
    assert abs(x0 - 28) < 0.5 and abs(x1 - 184) < 0.5  # as wide as the type area
    assert number.bottom < top < number.bottom + 6
    title = page.find("关于社区减负工作情况的通报")
    assert title.top > top + 10 and title.size == 22 and title.color == (0.0, 0.0, 0.0)
    assert abs((title.x0 + title.x1) / 2 - 106) < 1


def test_recipients_body_signature_and_date_follow_the_standard(notice):
    _, pages = notice
    first, last = pages[0], pages[-1]
    to = first.find("各乡镇（街道），县直各有关部门：")
    assert abs(to.x0 - 28) < 0.5 and to.top > first.find("关于社区减负工作情况的通报").bottom
    heading = first.find("一、查实问题")
    assert "Sans" in heading.font  # first-level headings in 黑体 (its open fallback: a sans face)
    date = last.find("2026年12月2日")
    right_edge = 182 if len(pages) % 2 == 0 else 184
    assert abs((right_edge - date.x1) - 4 * 156 / 28) < 1  # 右空四字
    issuer = next(ln for ln in last.lines if ln.text == "汉阴县民政局" and ln.size == 16)
    assert issuer.bottom <= date.top + 0.5
    assert abs((issuer.x0 + issuer.x1) / 2 - (date.x0 + date.x1) / 2) < 1  # centred over the date


def test_the_record_closes_the_last_page_between_rules(notice):
    _, pages = notice
    last = pages[-1]
    cc = last.find("抄送：县委办公室，县政府办公室。")
    printed = last.find("2026年12月2日印发")
    printer = next(ln for ln in last.lines if ln.text == "汉阴县民政局" and ln.size == 14)
    assert cc.size == 14 and cc.top < printed.top and abs(printer.top - printed.top) < 0.5
    black = sorted(r[2] for r in last.rules if r[3] == (0.0, 0.0, 0.0) and r[1] - r[0] > 150)
    assert len(black) >= 3 and black[0] <= cc.top and black[-1] >= printed.bottom - 0.5
    assert abs(black[-1] - (297 - 35)) < 1  # the last rule lies on the type area's lower edge


def test_page_numbers_are_dashed_and_alternate_outside(notice):
    _, pages = notice
    one, two = pages[0].find("— 1 —"), pages[1].find("— 2 —")
    assert one.size == 14 and two.size == 14
    assert abs((184 - one.x1) - 14 / 72 * 25.4) < 0.8  # odd page: right, one character in
    assert abs((two.x0 - 26) - 14 / 72 * 25.4) < 0.8  # even page: left, one character in
    assert 297 - 35 + 5 < one.top < 297 - 35 + 10  # about 7 mm below the type area


def test_the_text_is_extractable_and_the_fonts_embedded(notice):
    data, _ = notice
    text, fonts = pdf_facts(data)
    assert "汉民发〔2026〕3号" in "".join(text.split())
    assert any("Serif-CJK" in f for f in fonts) and any("Sans-CJK" in f for f in fonts)


def test_licensed_faces_from_the_font_folder_replace_the_open_ones(cjk_font, tmp_path):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    _make_font(
        fonts / "仿宋_GB2312.otf", family="FangSong_GB2312", text=PARAGRAPH + "第一二三四五段。汉阴县民政局各乡镇"
    )
    pages = pdf_layout(_render(tmp_path, FONT_DIR=str(fonts)))
    body = next(ln for ln in pages[0].lines if ln.size == 16 and len(ln.text) == 28)
    assert body.font.endswith("Jianfu-body")  # the face loaded from the folder, embedded
    # Faces the deployment did not supply keep the open fallback.
    assert "Noto" in pages[0].find("关于社区减负工作情况的通报").font


def test_a_damaged_font_file_or_a_missing_folder_falls_back_to_the_open_fonts(cjk_font, tmp_path, caplog):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "方正小标宋简体.ttf").write_bytes(b"not a font at all")
    caplog.set_level(logging.WARNING, logger="jianfu.core.fonts")
    pages = pdf_layout(_render(tmp_path, FONT_DIR=str(fonts)))
    assert "unreadable" in caplog.text  # named like the face, so tried, and reported
    assert "Noto" in pages[0].find("汉阴县民政局文件").font and _is_red(pages[0].find("汉阴县民政局文件").color)
    caplog.clear()
    pages = pdf_layout(_render(tmp_path, FONT_DIR=str(tmp_path / "no-such-folder")))
    assert "is not a folder" in caplog.text and "Noto" in pages[0].find("汉阴县民政局文件").font


def test_weasyprint_logs_only_warnings():
    assert logging.getLogger("weasyprint").getEffectiveLevel() >= logging.WARNING
    assert logging.getLogger("fontTools").getEffectiveLevel() >= logging.WARNING


def test_dates_and_numbers_are_written_as_the_standard_says(settings):
    assert chinese_date(dt.date(2026, 1, 5)) == "2026年1月5日"
    assert chinese_date(dt.datetime(2026, 12, 1, 17, 0, tzinfo=dt.UTC)) == "2026年12月2日"  # Beijing time
    settings.DOC_PREFIXES = {"610921": "汉减", "610921:drafts.opinion": "汉民审", "610921D02": "汉民发"}
    assert doc_number(ISSUER, "supervision.order", 2026, 7) == "汉民发〔2026〕7号"
    township = SimpleNamespace(code="610921001", name="城关镇", region_code="610921001000")
    assert doc_prefix(township, "drafts.opinion") == "汉民审" and doc_prefix(township) == "汉减"
    assert doc_number("610922", "supervision.order", 2026, 1) == "〔2026〕1号"  # none configured
    assert doc_number(ISSUER, "supervision.order", None, None) == ""


def _make_font(path: Path, *, family: str, text: str) -> None:
    """A real OpenType file named like a licensed face: Noto Serif CJK SC cut down to ``text``."""
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    source = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
    if not source.exists():
        pytest.skip("Noto Serif CJK collection not at its Debian path")
    font = next(f for f in TTCollection(str(source)).fonts if "SC" in f["name"].getDebugName(1))
    subsetter = subset.Subsetter(subset.Options())
    subsetter.populate(text=text + "〔〕（）：，。—0123456789 ")
    subsetter.subset(font)
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 4, 6, 16):
            names.setName(family, record.nameID, record.platformID, record.platEncID, record.langID)
    font.save(str(path))
