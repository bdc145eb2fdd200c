"""A finding on a clause: the platform's one ``core.findings.Finding`` (rule, message, severity,
citation), with the severity's Chinese label carried along for the scan API."""

from __future__ import annotations

from jianfu.core.findings import Finding, Severity

SEVERITY_LABELS = {Severity.BLOCK: "不得承担", Severity.WARN: "需修改", Severity.INFO: "提示"}

__all__ = ["SEVERITY_LABELS", "Finding", "Severity", "clause_finding"]


def clause_finding(rule: str, message: str, severity: str = Severity.WARN, citation: str = "") -> Finding:
    return Finding(rule, message, severity, citation, extra={"severity_label": SEVERITY_LABELS.get(severity, severity)})
