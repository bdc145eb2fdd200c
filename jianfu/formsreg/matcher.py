"""The forms registry's adapter over the shared field matcher (``jianfu.matching.fields``).

The matcher itself (normalisation, synonyms, units, definitions, the index) is part of the shared
matcher, and its synonyms come from the county's lexicon page (同义词库, kind 表格指标) on top of the
base data this app ships (``basedata.BASE_KEYS``: 低保家庭数 → 低保户数). This module adds only what
is the registry's own: which base-data key a field stands for, and the county's lexicon built from
both. Every other module of the app calls the names below.
"""

from __future__ import annotations

from collections.abc import Iterable

from jianfu.matching import fields
from jianfu.matching.fields import LOOKALIKE, SAME, FieldLexicon, FieldSpec, Match, unit_of
from jianfu.matching.index import field_lexicon_for
from jianfu.orgs import tree

from .basedata import BASE_KEYS

__all__ = [
    "BASE", "LOOKALIKE", "SAME", "FieldIndex", "FieldLexicon", "FieldSpec", "Match",
    "base_key_of", "lexicon_for", "score", "unit_of",
]  # fmt: skip

BASE_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = tuple((b.name, b.synonyms) for b in BASE_KEYS)
BASE = FieldLexicon(BASE_GROUPS, stamp="base")
_KEY_OF_STANDARD = {BASE.standard_of(b.name): b.key for b in BASE_KEYS}


def lexicon_for(region_code: str) -> FieldLexicon:
    """The field lexicon of a county: the base data's names, then the county's own field groups
    (a county group whose standard name is a base-data name adds synonyms to that figure)."""
    return field_lexicon_for(tree.county_code(region_code), BASE_GROUPS, base_stamp="base")


def base_key_of(name: str, lexicon: FieldLexicon = BASE) -> str:
    """The base-data key a field name stands for ("" when it is none of them)."""
    return _KEY_OF_STANDARD.get(lexicon.standard_of(name), "")


def score(a: FieldSpec, b: FieldSpec, lexicon: FieldLexicon = BASE) -> Match:
    """How alike two fields are, under the base data's synonyms unless told otherwise."""
    return fields.score(a, b, lexicon)


class FieldIndex(fields.FieldIndex):
    """The shared index, under the base data's synonyms unless given a county's lexicon."""

    def __init__(self, specs: Iterable[FieldSpec], lexicon: FieldLexicon = BASE) -> None:
        super().__init__(specs, lexicon)
