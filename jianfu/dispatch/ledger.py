"""The one place dispatch writes to the burden ledger (the burden app owns the ledger).

``record_task_minutes`` calls ``jianfu.burden.actions.do_record_entry`` (kind "task") when a
community completes a task. Until the burden app provides that action this helper records
nothing and returns None — dispatch keeps no ledger of its own.
"""

from __future__ import annotations

import logging
from typing import Any

from django.utils import timezone

from .choices import Verdict

log = logging.getLogger(__name__)


def record_task_minutes(task: Any, *, actor: Any, minutes: int) -> Any:
    try:
        from jianfu.burden.actions import do_record_entry
    except ImportError:
        log.warning("burden.actions.do_record_entry is not available; task %s minutes not recorded", task.pk)
        return None
    return do_record_entry(
        actor=actor,
        kind="task",
        community=task.community,
        source_org=task.sender_org,
        occurred_on=timezone.localdate(),
        minutes=minutes,
        listed=task.verdict in (Verdict.LISTED, Verdict.ADMITTED),
        list_item=task.dispatch.list_item,
        source_obj=task,
        note=task.title,
    )
