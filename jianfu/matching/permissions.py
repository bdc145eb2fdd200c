"""Who may edit a county's synonym lexicon: its list owners (县级民政/组织), as for the lists."""

from __future__ import annotations

from typing import Any

from jianfu.catalog.permissions import can_edit_lists
from jianfu.orgs.models import Org


def can_edit_lexicon(user: Any, county: Org) -> bool:
    return can_edit_lists(user, county)
