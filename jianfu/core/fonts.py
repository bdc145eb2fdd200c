"""Typefaces of printed documents: the faces GB/T 9704-2012 names when the deployment supplies them,
declared open faces otherwise.

The standard sets titles in 小标宋, body text in 仿宋 (仿宋_GB2312), first-level headings in 黑体 and
second-level ones in 楷体 (楷体_GB2312). Those fonts are licensed (方正, 中易), so the platform cannot
ship them: a county that holds a licence copies the files into the folder ``JIANFU_FONT_DIR`` and
they are loaded with ``@font-face`` from there (docs/documents.md). A face is recognised by its
file name or by the family name inside the file. Without them the documents fall back to Noto
Serif CJK SC / Noto Sans CJK SC (fonts-noto-cjk, SIL Open Font License); the layout is the same.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings

log = logging.getLogger(__name__)

SERIF = "'Noto Serif CJK SC', 'Source Han Serif SC', 'Noto Sans CJK SC', serif"
SANS = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Noto Serif CJK SC', sans-serif"

# role → (names a supplied font may carry, most specific first; the open fallback stack)
ROLES: dict[str, tuple[tuple[str, ...], str]] = {
    "title": (
        ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05", "FZXBSJW", "小标宋"),
        SERIF,
    ),
    "body": (("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "simfang"), SERIF),
    "hei": (("黑体", "SimHei", "simhei"), SANS),
    "kai": (("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "simkai"), SERIF),
    "song": (("宋体", "SimSun", "simsun", "NSimSun"), SERIF),
}
FONT_SUFFIXES = {".ttf", ".otf", ".ttc", ".otc"}


def _key(name: str) -> str:
    return name.casefold().replace(" ", "").replace("-", "").replace("_", "")


def _names_in(path: Path) -> set[str]:
    """The file's stem and the family/full names recorded in it (all languages)."""
    names = {_key(path.stem)}
    try:
        from fontTools.ttLib import TTCollection, TTFont  # a dependency of WeasyPrint

        fonts = (
            TTCollection(str(path)).fonts if path.suffix.lower() in {".ttc", ".otc"} else [TTFont(str(path), lazy=True)]
        )
        for font in fonts[:1]:
            for record in font["name"].names:
                if record.nameID in (1, 4, 16):
                    names.add(_key(record.toUnicode()))
    except Exception as exc:
        log.warning("font file %s unreadable: %s", path, exc)
    return names


@dataclass(frozen=True)
class FontSet:
    """The CSS a document template needs: ``faces`` (@font-face rules) and a family stack per role."""

    faces: str = ""
    families: dict[str, str] = field(default_factory=dict)
    supplied: dict[str, str] = field(default_factory=dict)  # role → file name

    def __getattr__(self, role: str) -> str:
        if role in ROLES:
            return self.families.get(role, ROLES[role][1])
        raise AttributeError(role)

    @property
    def title_weight(self) -> str:
        # 小标宋 is drawn heavy; the open fallback needs its bold weight to look like it.
        return "normal" if "title" in self.supplied else "bold"


@lru_cache(maxsize=4)
def _scan(folder: str, stamp: float) -> FontSet:
    del stamp  # part of the cache key only: a changed folder is scanned again
    files = sorted(p for p in Path(folder).iterdir() if p.is_file() and p.suffix.lower() in FONT_SUFFIXES)
    indexed = [(p, _names_in(p)) for p in files]
    faces, families, supplied = [], {}, {}
    for role, (candidates, fallback) in ROLES.items():
        found = next((p for name in candidates for p, names in indexed if _key(name) in names), None)
        if found is None:
            continue
        family = f"Jianfu {role}"
        faces.append(f"@font-face {{ font-family: '{family}'; src: url('{found.resolve().as_uri()}'); }}")
        families[role] = f"'{family}', {fallback}"
        supplied[role] = found.name
    return FontSet("\n".join(faces), families, supplied)


def font_set() -> FontSet:
    """The fonts for documents: those found in ``JIANFU_FONT_DIR``, open faces for the rest."""
    folder = getattr(settings, "FONT_DIR", None)
    if not folder:
        return FontSet()
    path = Path(folder)
    if not path.is_dir():
        log.warning("JIANFU_FONT_DIR %s is not a folder; documents use the open fonts", path)
        return FontSet()
    return _scan(str(path), path.stat().st_mtime)
