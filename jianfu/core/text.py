"""Text that no database can store faithfully is refused at the boundary (issue 20, point 6).

A lone surrogate (``"\\ud800"`` in JSON) cannot be encoded as UTF-8: SQLite and PostgreSQL both
fail on it. A NUL byte is refused by PostgreSQL text columns but kept by SQLite — so the same
request would behave differently on the two databases. Other C0/C1 control characters (besides
tab, line feed and carriage return) have no place in a title or a reason and break exports
(openpyxl refuses them in cells). They are all refused, before any view or action runs, with one
Chinese message, identically on both databases:

- pages and form posts: ``core.middleware.TextBoundaryMiddleware`` checks the path, the query
  string and the form fields of every request (API included);
- JSON bodies of the API: ``api.api.TextCheckingParser`` checks every string after decoding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

# C0 controls except \t \n \r, DEL, C1 controls, and the surrogate range (only ever "lone" in a
# Python str decoded from JSON escapes or surrogateescape).
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


class BadText(ValueError):
    """A submitted value holds a character that is refused; ``field`` names where."""

    def __init__(self, field: str):
        self.field = field
        self.message = message(field)
        super().__init__(self.message)


def message(field: str = "") -> str:
    where = _("（字段“%(field)s”）") % {"field": field} if field else ""
    return _(
        "提交的内容%(where)s含有不能保存的字符（空字符、控制字符或不完整的 Unicode 代理字符），"
        "请删除这些字符后重新提交。"
    ) % {"where": where}


def is_clean(value: str) -> bool:
    return FORBIDDEN.search(value) is None


def check_pairs(pairs: Iterable[tuple[str, Any]]) -> None:
    """Raise ``BadText`` for the first key or value holding a refused character."""
    for key, value in pairs:
        if not is_clean(str(key)):
            raise BadText("")  # never echo a bad name back (a lone surrogate cannot be encoded)
        check_value(value, str(key))


def check_value(value: Any, field: str = "") -> None:
    """Walk decoded JSON (dicts, lists, strings) and raise ``BadText`` at the first bad string."""
    if isinstance(value, str):
        if not is_clean(value):
            raise BadText(field)
    elif isinstance(value, dict):
        check_pairs((f"{field}.{k}" if field else str(k), v) for k, v in value.items())
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            check_value(item, f"{field}[{index}]" if field else str(index))
