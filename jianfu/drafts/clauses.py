"""Splitting a draft into clauses (条款): sentences, numbered points 「(一)」「1.」「一是」, and the
parts of a sentence that semicolons separate.

Offsets refer to the (simplified) text, so a page can highlight each clause where it stands.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

# Width-preserving normalisation for matching: full-width brackets, digits, punctuation → ASCII.
_FULL = "（）〔〕【】０１２３４５６７８９．，：；！？"
_HALF = "()()()0123456789.,:;!?"
NORMALISE = str.maketrans(_FULL, _HALF)

_CN_NUM = "一二三四五六七八九十"
# A point marker at the start of a clause: (一) 1. 1、 (1) ① 一、 一是 第一，
MARKER = re.compile(
    rf"^\s*(?:[({{\[]\s*[{_CN_NUM}\d]{{1,3}}\s*[)}}\]]|\d{{1,2}}\s*[.、](?!\d)|[①-⑳]|[{_CN_NUM}]{{1,3}}\s*[、.]|"
    rf"[{_CN_NUM}]{{1,2}}是|第[{_CN_NUM}]{{1,2}}[，,、]?|其[{_CN_NUM}]{{1,2}}[，,、])\s*"
)
# Where a sentence ends (kept with the clause before it).
_END = re.compile(r"[。!?;](?![)\"”’」』])|[。!?;][)\"”’」』]")
# A point marker starting mid-sentence, after a colon, semicolon or comma: "…：一是…；二是…"
_INLINE = re.compile(rf"(?<=[:,;])\s*(?=[{_CN_NUM}]{{1,2}}是|\([{_CN_NUM}\d]{{1,2}}\)|\d{{1,2}}[.、](?!\d)|[①-⑳])")


@dataclass(frozen=True)
class Clause:
    index: int
    start: int
    end: int
    text: str
    paragraph: int  # which paragraph (line) it came from
    numbered: bool  # starts with a point marker
    heading: bool  # a short numbered line with no sentence end (a section title)

    @property
    def body(self) -> str:
        """The clause without its point marker (full-width 「（三）」 as well as 「(三)」)."""
        m = MARKER.match(self.text.translate(NORMALISE))  # width-preserving: offsets agree
        return self.text[m.end() :] if m else self.text


def _cuts(norm: str) -> list[int]:
    cuts = {m.end() for m in _END.finditer(norm)}
    cuts |= {m.start() for m in _INLINE.finditer(norm)}
    return sorted(c for c in cuts if 0 < c < len(norm))


def split_clauses(text: str) -> list[Clause]:
    """The clauses of ``text`` in order, with their offsets into it."""
    norm = text.translate(NORMALISE)
    clauses: list[Clause] = []
    pos = 0
    for paragraph, line in enumerate(text.split("\n")):
        line_norm = norm[pos : pos + len(line)]
        bounds = [0, *_cuts(line_norm), len(line)]
        for a, b in itertools.pairwise(bounds):
            piece = line[a:b]
            stripped = piece.strip()
            if len(stripped) < 2 or not re.search(r"[\u4e00-\u9fff]", stripped):
                continue
            lead = len(piece) - len(piece.lstrip())
            start = pos + a + lead
            numbered = bool(MARKER.match(stripped.translate(NORMALISE)))
            heading = numbered and len(stripped) <= 30 and not re.search(r"[。;；，,]", stripped)
            clauses.append(Clause(len(clauses), start, start + len(stripped), stripped, paragraph, numbered, heading))
        pos += len(line) + 1
    return clauses
