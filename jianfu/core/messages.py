"""The wording catalogue: UI text is written in Chinese in the code and corrected in a .po file.

Source strings are zh-Hans already, so the catalogue (``jianfu/locale/zh_Hans/LC_MESSAGES/django.po``)
starts with empty translations, which Django shows as the source text. To correct wording without
touching code, an operator fills ``msgstr`` for the entry and runs ``jianfu messages`` (also run by
``jianfu assets``, hence by every ``./jianfu.sh`` command), then restarts the server.

The .po is compiled here with polib (pure Python) rather than Django's ``compilemessages``, which
needs GNU gettext's msgfmt, so a server needs nothing beyond the Python packages.
"""

from __future__ import annotations

from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def compile_catalogues(locale_dirs: list[Path] | None = None, *, force: bool = False) -> list[Path]:
    """Compile every ``.po`` under the locale directories whose ``.mo`` is missing or older."""
    written = []
    for base in locale_dirs or [LOCALE_DIR]:
        for po_path in sorted(Path(base).glob("*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            written.append(mo_path)
    return written
