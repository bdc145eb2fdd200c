"""The one place dispatch writes to the burden ledger (the burden app owns the ledger).

``record_task_minutes`` calls ``jianfu.burden.actions.do_record_entry`` (kind "task") when a
community completes a task; dispatch keeps no ledger of its own.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from jianfu.burden.actions import do_record_entry

from .choices import Verdict


def record_task_minutes(task: Any, *, actor: Any, minutes: int) -> Any:
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
