"""Every xlsx import survives hostile workbooks: a Chinese message for each, before openpyxl
parses anything, with bounded memory (issue 20, point 5). The corpus is generated here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from jianfu.core.errors import ActionError
from jianfu.core.xlsx import iter_rows, open_workbook

from . import hostile_xlsx

REPO = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("name", hostile_xlsx.HOSTILE)
def test_each_hostile_workbook_is_refused_with_its_own_chinese_message(name):
    make, expected = hostile_xlsx.HOSTILE[name]
    with pytest.raises(ActionError) as caught:
        open_workbook(make())
    assert expected in caught.value.message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in caught.value.message)


def test_a_plain_workbook_still_opens():
    rows = list(iter_rows(open_workbook(hostile_xlsx.valid()).active, max_rows=10))
    assert rows == [(2, ("入户登记", 3))]


def test_the_limits_are_configurable(settings):
    settings.XLSX_MAX_PART_BYTES = 1024
    with pytest.raises(ActionError, match="单个部件上限"):
        open_workbook(hostile_xlsx.huge_cell(4096))


PROBE = """
import json, os, sys, tracemalloc
import django
django.setup()
from jianfu.core.errors import ActionError
from jianfu.core.xlsx import iter_rows, open_workbook
from jianfu.core.tests import hostile_xlsx

name = sys.argv[1]
data = hostile_xlsx.HOSTILE[name][0]() if name in hostile_xlsx.HOSTILE else hostile_xlsx.incompressible_cell(int(name))
tracemalloc.start()
outcome = "accepted"
try:
    book = open_workbook(data)
    for sheet in book.worksheets:
        for _ in iter_rows(sheet, max_rows=10000):
            pass
except ActionError as exc:
    outcome = exc.message
peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({"outcome": outcome, "peak": peak, "input": len(data)}))
"""


def _probe(name: str) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "jianfu.settings", "JIANFU_TESTING": "1"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, name], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def memory_bound() -> int:
    """The configured bound: the memory a workbook may take beyond its own bytes is a small
    multiple of the largest part allowed (the biggest single value openpyxl will ever build)."""
    return 3 * int(settings.XLSX_MAX_PART_BYTES) + 32 * 1024 * 1024


@pytest.mark.parametrize("name", ["zip-bomb", "shared-strings-bomb", "huge-cell", "billion-laughs"])
def test_peak_memory_stays_under_the_bound_for_hostile_files(name):
    """Measured in a fresh process (tracemalloc peak, beyond the input itself)."""
    result = _probe(name)
    assert result["outcome"] != "accepted"
    assert result["peak"] - result["input"] < memory_bound(), result


def test_peak_memory_stays_under_the_bound_for_the_largest_cell_accepted():
    """A 12 MB cell of random letters (the largest that fits the 10 MB upload limit once zipped)
    passes every check, so openpyxl really parses it — and memory still stays within the bound."""
    result = _probe(str(12 * 1024 * 1024))
    assert result["outcome"] == "accepted", result
    assert result["peak"] - result["input"] < memory_bound(), result
