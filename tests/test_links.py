"""Links and empty states in a bare county: the persona world with nothing recorded yet (no lists,
no tasks, no cases), where every table and chart is empty (crawler: ``tests/links.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from jianfu.testing import build_world

from .links import check, personas


@pytest.fixture(scope="module")
def bare(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[Any]:
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("links-media")), IDLE_TIMEOUT_MINUTES=0)
    with django_db_blocker.unblock(), media, transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.mark.parametrize("alias", personas())
def test_in_a_bare_county_no_link_leads_a_role_to_a_403_or_404_and_every_empty_table_says_so(
    bare: Any, db: Any, alias: str
) -> None:
    check(bare, alias)
