"""Links in a busy county: the permission scene (lists, tasks, cases, events, forms… in every
state), where detail pages and breadcrumbs exist (crawler: ``tests/links.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from jianfu.testing import build_world

from .links import check, personas
from .permission_scene import build_scene


@pytest.fixture(scope="module")
def busy(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[Any]:
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("links-scene-media")), IDLE_TIMEOUT_MINUTES=0)
    with django_db_blocker.unblock(), media, transaction.atomic():
        world = build_world()
        build_scene(world)
        yield world
        transaction.set_rollback(True)


@pytest.mark.parametrize("alias", personas())
def test_in_a_busy_county_no_link_leads_a_role_to_a_403_or_404(busy: Any, db: Any, alias: str) -> None:
    check(busy, alias)
