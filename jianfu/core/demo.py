"""Loads the demo: every installed Jianfu app's ``demo.load()`` in app order (orgs first)."""

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
    from jianfu.orgs import demo as orgs_demo
    from jianfu.orgs.choices import ROLE_SHORT, Role
    from jianfu.orgs.models import Org

    accounts = orgs_demo.load()
    for config in apps.get_app_configs():
        if not config.name.startswith("jianfu.") or config.name in ("jianfu.core", "jianfu.orgs"):
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        module.load()
    orgs = {o.code: o for o in Org.objects.filter(code__in=[a.org_code for a in accounts]).select_related("parent")}
    return [
        AccountLine(a.username, a.full_name, f"{ROLE_SHORT[Role(a.role)]} · {orgs[a.org_code].full_name}")
        for a in accounts
    ]
