"""Per-org group robots (a department's 钉钉 or 企业微信 group), read from the deployment's JSON
file at start-up (``JIANFU_NOTIFY_ROBOTS``). Imports nothing from Django: settings.py calls it.

The file maps an org code to that org's robots::

    {"610921-wjj": {"dingtalk": {"webhook": "https://oapi.dingtalk.com/robot/send?access_token=…",
                                 "secret": "SEC…"},
                    "wecom": {"key": "…"}}}

A user's messages go to the robot of their own org, else of the nearest org above it that has
one, else to the deployment-wide robot (``JIANFU_DINGTALK_WEBHOOK`` / ``JIANFU_WECOM_KEY``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

WECOM_SEND = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key="


def _robot(code: str, channel: str, spec: Any) -> dict[str, str]:
    if not isinstance(spec, dict):
        raise ValueError(f"{code}.{channel} should be an object")
    if channel == "dingtalk":
        webhook = spec.get("webhook")
        if not isinstance(webhook, str) or not webhook.startswith(("http://", "https://")):
            raise ValueError(f"{code}.dingtalk needs a webhook URL")
        return {"webhook": webhook, "secret": str(spec.get("secret") or "")}
    if channel == "wecom":
        webhook = spec.get("webhook") or (WECOM_SEND + spec["key"] if spec.get("key") else "")
        if not isinstance(webhook, str) or not webhook.startswith(("http://", "https://")):
            raise ValueError(f"{code}.wecom needs a key or a webhook URL")
        return {"webhook": webhook}
    raise ValueError(f"{code}: unknown channel {channel!r} (dingtalk or wecom)")


def load_robots(path: str) -> dict[str, dict[str, dict[str, str]]]:
    """The org code → channel → robot map of the file at ``path`` ({} without one)."""
    if not path:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError("the file should hold one JSON object keyed by org code")
    robots: dict[str, dict[str, dict[str, str]]] = {}
    for code, channels in data.items():
        if not isinstance(channels, dict):
            raise ValueError(f"{code} should map channels to robots")
        robots[str(code)] = {ch: _robot(code, ch, spec) for ch, spec in channels.items()}
    return robots
