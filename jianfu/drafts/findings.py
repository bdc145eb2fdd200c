"""A finding on a clause: the rule it breaks, what to do, how serious, what it cites.

Kept to (rule, message, severity, citation) so that ``core.findings.Finding`` can replace it
once that exists on main.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

SEVERITY_LABELS = {"block": "不得承担", "warn": "需修改", "info": "提示"}


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    severity: str = "warn"  # block / warn / info
    citation: str = ""

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS.get(self.severity, self.severity)

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "severity_label": self.severity_label}
