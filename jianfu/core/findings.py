"""One shape for every rule hit in the platform: a ``Finding``.

The dispatch gate, the admission pre-check, and (to come) the draft-document scanner and the forms
registry all report what they found as findings, so pages, the API, stored JSON and supervision
cases read them the same way::

    Finding(rule="负面清单：…", message="任务内容与负面清单事项“N-02 …”相符。",
            severity=Severity.BLOCK, citation="《关于规范村级组织工作事务…的意见》")

``severity``: ``block`` (stops the action or makes the task refusable in one click), ``warn``
(a human should look), ``info`` (a clean check). ``citation`` names the rule's source (a seed, a
list item's basis, a statute); it may be empty. ``extra`` carries rule-specific data (item code,
score, matched phrase) and is flattened into ``as_dict()`` for JSON fields and the API.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class Severity:
    BLOCK = "block"
    WARN = "warn"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    severity: str = Severity.WARN
    citation: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The JSON form: rule, message, severity, citation, then the extra keys."""
        return {"rule": self.rule, "message": self.message, "severity": self.severity,
                "citation": self.citation, **self.extra}  # fmt: skip

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        known = {"rule", "message", "severity", "citation"}
        return cls(
            rule=str(data.get("rule", "")),
            message=str(data.get("message", "")),
            severity=str(data.get("severity", Severity.WARN)),
            citation=str(data.get("citation", "")),
            extra={k: v for k, v in data.items() if k not in known},
        )

    def __getitem__(self, key: str) -> Any:
        """Read like the dicts findings used to be (``f["rule"]``), for templates and old callers."""
        return self.as_dict()[key]
