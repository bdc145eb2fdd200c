"""Reminders through the notify app, when it is installed and has ``do_notify``.

The notify app is built in parallel; this module imports it lazily and passes only the keyword
arguments ``do_notify`` accepts, so supervision works with or without it. Reminders are sent after
commit: a rolled-back action never notifies anyone.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Iterable
from typing import Any

from django.db import transaction

log = logging.getLogger(__name__)


def _do_notify() -> Any:
    try:
        from jianfu.notify.actions import do_notify  # type: ignore[import-not-found]
    except (ImportError, AttributeError):
        return None
    return do_notify


def _call(fn: Any, user: Any, title: str, url: str, body: str) -> None:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        params = {}
    values = {
        "recipient": user,
        "user": user,
        "to": user,
        "title": title,
        "text": title,
        "message": title,
        "url": url,
        "link": url,
        "body": body,
        "actor": None,
    }
    kwargs = {k: v for k, v in values.items() if k in params}
    positional = [p for p in params.values() if p.kind == p.POSITIONAL_ONLY]
    args = [user] if positional else []
    if positional:
        kwargs = {k: v for k, v in kwargs.items() if k not in ("recipient", "user", "to")}
    try:
        fn(*args, **kwargs)
    except Exception:  # a failing reminder must never undo a supervision decision
        log.exception("supervision: do_notify failed for %s", getattr(user, "username", user))


def notify(users: Iterable[Any], title: str, *, url: str = "", body: str = "") -> None:
    fn = _do_notify()
    if fn is None:
        return
    recipients = list(users)

    def send() -> None:
        for user in recipients:
            _call(fn, user, title, url, body)

    transaction.on_commit(send)
