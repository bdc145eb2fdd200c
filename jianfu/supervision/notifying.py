"""Reminders through the notify app (``jianfu.notify.actions.do_notify``), sent after commit.

Imported lazily and guarded: supervision works without the notify app, and a failing reminder
never undoes a supervision decision. A rolled-back action notifies nobody.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.db import transaction

log = logging.getLogger(__name__)


def notify(users: Iterable[Any], title: str, *, url: str = "", body: str = "", dedupe_key: str = "") -> None:
    try:
        from jianfu.notify.actions import do_notify
    except ImportError:
        return
    recipients = list(users)
    if not recipients:
        return

    def send() -> None:
        try:
            do_notify(recipients, title=title, body=body, url=url, dedupe_key=dedupe_key)
        except Exception:
            log.exception("supervision: do_notify failed for %s", title)

    transaction.on_commit(send)
