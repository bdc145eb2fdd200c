"""The demo loads 汉阴县's events through the real actions, once."""

from __future__ import annotations

from jianfu.core.demo import load_all
from jianfu.events.models import Event


def test_the_demo_has_events_at_every_stage_and_loads_once(db):
    load_all()
    states = set(Event.objects.within("610921").values_list("state", flat=True))
    assert {"closed", "township", "dispatched", "handled", "rework", "reported"} <= states
    assert Event.objects.filter(source="hotline").count() == 3 and Event.objects.within("610922").count() == 0
    n = Event.objects.count()
    load_all()
    assert Event.objects.count() == n
