"""The whole demo (every app's demo data) loads, twice without duplicating anything."""

from __future__ import annotations

from django.apps import apps

from jianfu.core.demo import load_all


def _row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models() if m._meta.app_label != "sessions"}


def test_the_demo_loads_and_reloading_it_adds_nothing(db):
    accounts = load_all()
    assert {a.username for a in accounts} >= {"admin", "mzj", "zzb", "ldxz", "wjj", "chengguan", "dongguan"}
    first = _row_counts()
    load_all()
    second = _row_counts()
    assert {k: v for k, v in second.items() if k != "core.AuditEntry"} == {
        k: v for k, v in first.items() if k != "core.AuditEntry"
    }
