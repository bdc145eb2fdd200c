"""Tamper evidence for the audit log (等保 三级: 审计记录应受到保护，避免非预期的删除、修改或覆盖).

Every audit entry belongs to a chain — one per county (the key comes from ``chain_key``, which orgs
sets to the county of the entry's region code) or ``""`` for entries without a region. Entries of a
chain are numbered 1, 2, 3… and carry ``hash = SHA-256(canonical content + prev_hash)``. Appending
locks the chain's head row, so two writers never fork a chain; other counties never wait.

``verify()`` recomputes every chain and reports the first broken link: an edited field, a deleted
entry (a gap in ``seq``) or a reordered one. On PostgreSQL a trigger (migration core 0004) refuses
UPDATE and DELETE on the table outright; on SQLite nothing stops someone with write access to the
file, but ``verify()`` finds what they changed. Run ``jianfu audit verify`` from the scheduler
(docs/configuration.md).

The head lock is held until the writer's transaction commits, so writes that audit within one
county are serialised for that long (an all-or-nothing import of many rows holds it longest).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .models import AuditChainHead, AuditEntry

# Which chain an entry with this region code joins; orgs installs the county-of function.
chain_key: Callable[[str], str] = lambda region_code: ""  # noqa: E731

FIELDS = (
    "chain", "seq", "at", "actor_id", "actor_name", "org_id", "region_code", "event_type",
    "object_type", "object_id", "object_repr", "before", "after", "reason", "request_id",
)  # fmt: skip


def _value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return value


def digest(entry: AuditEntry, prev_hash: str) -> str:
    """SHA-256 of the entry's content and its predecessor's hash (JSON, sorted keys)."""
    content = {name: _value(getattr(entry, name)) for name in FIELDS}
    payload = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256((payload + prev_hash).encode("utf-8")).hexdigest()


def link(entry: AuditEntry) -> None:
    """Number and hash a new entry (before it is saved) as the next link of its chain.

    Must run inside the writer's transaction: the head row stays locked until it commits.
    """
    key = chain_key(entry.region_code or "")
    AuditChainHead.objects.bulk_create([AuditChainHead(chain=key)], ignore_conflicts=True)
    head = AuditChainHead.objects.select_for_update().get(chain=key)
    entry.chain, entry.seq, entry.prev_hash = key, head.seq + 1, head.hash
    entry.hash = digest(entry, head.hash)
    head.seq, head.hash = entry.seq, entry.hash
    head.save(update_fields=["seq", "hash"])


@dataclass(frozen=True)
class Break:
    chain: str
    seq: int
    entry_id: int | None
    problem: str

    def __str__(self) -> str:
        where = f"审计链「{self.chain or '平台'}」第 {self.seq} 条"
        return f"{where}（记录 {self.entry_id}）：{self.problem}" if self.entry_id else f"{where}：{self.problem}"


def _chain_entries(chain: str) -> Iterator[AuditEntry]:
    return AuditEntry.objects.filter(chain=chain, seq__isnull=False).order_by("seq").iterator(chunk_size=2000)


def verify() -> tuple[int, list[Break]]:
    """Recompute every chain; return the number of entries checked and each chain's first break."""
    checked, breaks = 0, []
    for head in AuditChainHead.objects.order_by("chain"):
        expected_seq, prev = 1, ""
        broken = None
        for entry in _chain_entries(head.chain):
            checked += 1
            if entry.seq != expected_seq:
                broken = Break(head.chain, expected_seq, None, f"缺失（下一条是第 {entry.seq} 条），记录可能被删除")
            elif entry.prev_hash != prev:
                broken = Break(head.chain, entry.seq or 0, entry.pk, "与前一条的链接不符，记录可能被删除或调换")
            elif digest(entry, prev) != entry.hash:
                broken = Break(head.chain, entry.seq or 0, entry.pk, "内容与哈希不符，记录可能被修改")
            if broken:
                break
            expected_seq, prev = expected_seq + 1, entry.hash
        if broken is None and expected_seq - 1 != head.seq:
            broken = Break(head.chain, expected_seq, None, f"链尾缺失（应有 {head.seq} 条），记录可能被删除")
        if broken is not None:
            breaks.append(broken)
    return checked, breaks
