"""Document numbers (文号): gap-free per issuer, kind and year, under concurrency.

An official document — a 督办单, a 通报, later certificates, forms and 审核意见书 — carries a number
that counts up from 1 each year for the body issuing it (〔2026〕12号). Numbers must never
repeat and never skip, even when two officers issue at the same moment.

``next_number`` takes the next value from one counter row per (issuer, kind, year), locked with
``select_for_update`` until the caller's transaction ends (on SQLite the IMMEDIATE transaction
mode serialises writers instead). Call it inside the action's ``transaction.atomic`` that also
saves the document: if that transaction rolls back, the number is given back with it, so the
sequence has no gap.
"""

from __future__ import annotations

import re

from django.db import transaction

from .models import DocumentCounter

# Kinds in use; a new document kind adds its key here (so a typo cannot start a new sequence).
KINDS = {
    "supervision.order": "督办单",
    "supervision.notice": "通报",
    "drafts.opinion": "审核意见书",
    "catalog.publication": "清单印发通知",
    "admission.plan": "年度计划印发通知",
    "certs.certificate": "证明",
    "certs.refusal": "不予出具告知单",
    "certs.commitment": "告知承诺书",
}
_ISSUER = re.compile(r"^[0-9A-Z]{2,12}$", re.ASCII)  # a region code or an org code (610921D02)


def _issuer_code(issuer: object) -> str:
    code = str(getattr(issuer, "code", issuer))
    if not _ISSUER.match(code):
        raise ValueError(f"issuer must be a region/org code, not {code!r}")
    return code


def next_number(issuer: object, kind: str, year: int) -> int:
    """The next number for ``kind`` issued by ``issuer`` (an org or its code) in ``year``.

    Must run inside a transaction (the counter stays locked until it commits or rolls back)."""
    if kind not in KINDS:
        raise ValueError(f"unknown document kind {kind!r}; add it to core.numbering.KINDS")
    if not 2000 <= int(year) <= 2100:
        raise ValueError(f"year out of range: {year!r}")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number must run inside the action's transaction")
    key = {"issuer_code": _issuer_code(issuer), "kind": kind, "year": int(year)}
    # The first number of a year creates the row; a concurrent creator's row is kept, not duplicated.
    DocumentCounter.objects.bulk_create([DocumentCounter(**key, last=0)], ignore_conflicts=True)
    counter = DocumentCounter.objects.select_for_update().get(**key)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def format_number(year: int, number: int, *, prefix: str = "") -> str:
    """The document number as printed: 〔2026〕12号, or with the issuer's prefix (机关代字)
    某民督〔2026〕12号. GB/T 9704-2012 7.2.5: the year in full in the official 六角括号 〔〕 (not
    【】 or []), the number without 第 and without leading zeros, then 号."""
    return f"{prefix}〔{int(year)}〕{int(number)}号"
