"""UI wording goes through the zh-Hans catalogue; dates and numbers are written the Chinese way."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.template import Context, Template
from django.utils import translation

from jianfu.core import dates
from jianfu.core.errors import ActionError
from jianfu.core.messages import LOCALE_DIR, compile_catalogues

JIANFU = Path(__file__).resolve().parent.parent / "jianfu"
CJK = re.compile(r"[\u4e00-\u9fff]")
# Apps whose templates are not yet written through {% translate %}; the list only shrinks.
NOT_YET: set[str] = set()


def _catalogue_with(tmp_path: Path, corrections: dict[str, str]) -> Path:
    target = tmp_path / "zh_Hans" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po", target / "django.po")
    po = polib.pofile(str(target / "django.po"))
    for msgid, msgstr in corrections.items():
        entry = po.find(msgid)
        assert entry is not None, f"{msgid} is not in the catalogue (run makemessages)"
        entry.msgstr = msgstr
    po.save()
    compile_catalogues([tmp_path], force=True)
    return tmp_path


@pytest.mark.django_db
def test_a_wording_corrected_in_the_catalogue_shows_on_the_page_and_in_messages(client, world, settings, tmp_path):
    settings.LOCALE_PATHS = [
        _catalogue_with(
            tmp_path,
            {"退出登录": "安全退出", "日期超出范围（应在 2000 年至 2100 年之间）。": "日期不在 2000—2100 年之间。"},
        )
    ]
    client.force_login(world.county_mzj)
    page = client.get("/").content.decode()
    assert "安全退出" in page and "退出登录" not in page
    with translation.override("zh-hans"), pytest.raises(ActionError) as raised:
        dates.check_in_range(dt.date(1900, 1, 1))
    assert raised.value.message == "日期不在 2000—2100 年之间。"


def test_the_shipped_catalogue_compiles_and_changes_nothing_by_itself(tmp_path):
    po = polib.pofile(str(LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    assert len(po) > 300
    assert all(not e.msgstr or e.msgstr == e.msgid or e.obsolete for e in po if not e.msgid_plural)
    target = tmp_path / "zh_Hans" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po", target)
    assert compile_catalogues([tmp_path]) == [target / "django.mo"]
    assert compile_catalogues([tmp_path]) == []  # up to date: not rewritten


def _untranslated(source: str) -> list[str]:
    text = re.sub(r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}", "", source, flags=re.S)
    text = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", "", text, flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>", "", text, flags=re.S | re.I)
    text = re.sub(r"{%.*?%}|{{.*?}}|{#.*?#}", "", text, flags=re.S)
    text = re.sub(r"\son\w+=\"[^\"]*\"", "", text)  # inline handlers: JS, not wording
    return [line.strip() for line in text.splitlines() if CJK.search(line)]


def test_every_chinese_text_in_templates_goes_through_the_catalogue():
    offenders = {}
    for path in sorted(JIANFU.rglob("templates/**/*.html")):
        app = path.relative_to(JIANFU).parts[0]
        if app in NOT_YET:
            continue
        left = _untranslated(path.read_text(encoding="utf-8"))
        if left:
            offenders[str(path.relative_to(JIANFU))] = left[:3]
    assert offenders == {}


def test_dates_in_documents_are_written_the_chinese_way_and_numbers_are_grouped():
    with translation.override("zh-hans"):
        out = Template("{% load jianfu %}{{ d|date }}|{{ n|num }}|{{ h|num:1 }}|{{ x|num }}").render(
            Context({"d": dt.date(2026, 5, 1), "n": 1821, "h": 12345.678, "x": None})
        )
    assert out == "2026年5月1日|1,821|12,345.7|"
