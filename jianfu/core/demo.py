"""Loads the demo: every installed Jianfu app's ``demo.load()`` in app order (orgs first).

An app's ``load()`` returns None, or the demo accounts it created as ``AccountLine``s (the orgs
app does), which ``jianfu demo`` prints."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction


@dataclass(frozen=True)
class AccountLine:
    username: str
    full_name: str
    description: str


@transaction.atomic
def load_all() -> list[AccountLine]:
    accounts: list[AccountLine] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("jianfu.") or config.name == "jianfu.core":
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        accounts.extend(module.load() or [])
    return accounts
