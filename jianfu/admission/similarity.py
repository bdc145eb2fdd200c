"""Moved: the Chinese text matcher lives in ``jianfu.matching`` (shared by the gate, the pre-check,
the draft scanner and the forms registry). These names stay importable for older callers."""

from __future__ import annotations

from jianfu.matching.index import IndexedItem, Match, VersionIndex, clear_cache, index_for
from jianfu.matching.text import STOP_WORDS, tokens

__all__ = ["STOP_WORDS", "IndexedItem", "Match", "VersionIndex", "clear_cache", "index_for", "tokens"]
