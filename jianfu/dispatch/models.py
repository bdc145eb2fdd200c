"""Tasks (工作任务) sent down to communities, each carrying the gate's verdict."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from jianfu.orgs.scoping import ScopedModel

from .choices import TaskState, Verdict


class Dispatch(ScopedModel):
    """One send (派发): a department or township sends a task to one or many communities.

    The gate judged it once; each receiving community gets its own ``Task`` row.
    """

    # region_code (ScopedModel): the sender's
    sender_org = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("派发单位")
    )
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(gettext_lazy("任务名称"), max_length=200)
    description = models.TextField(gettext_lazy("任务内容"), blank=True)
    list_item = models.ForeignKey(
        "catalog.ListItem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("清单事项"),
    )
    application = models.ForeignKey(
        "admission.Application",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("准入申请"),
    )
    verdict = models.CharField(gettext_lazy("审查结论"), max_length=10, choices=Verdict.choices)
    basis = models.CharField(gettext_lazy("依据"), max_length=400, blank=True)
    rules = models.JSONField(gettext_lazy("命中规则"), default=list, blank=True)
    deadline = models.DateField(gettext_lazy("完成期限"), null=True, blank=True)
    expected_minutes = models.PositiveIntegerField(gettext_lazy("预计用时（分钟）"), default=0)
    task_count = models.PositiveIntegerField(gettext_lazy("社区数"), default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "任务派发"

    def __str__(self) -> str:
        return self.title


class Task(ScopedModel):
    """What one community received (社区收到的任务), with the verdict and what it did about it."""

    dispatch = models.ForeignKey(Dispatch, on_delete=models.PROTECT, related_name="tasks")
    # region_code (ScopedModel): the community's
    community = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("社区")
    )
    sender_org = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("派发单位")
    )
    title = models.CharField(gettext_lazy("任务名称"), max_length=200)
    verdict = models.CharField(gettext_lazy("审查结论"), max_length=10, choices=Verdict.choices, db_index=True)
    deadline = models.DateField(gettext_lazy("完成期限"), null=True, blank=True)
    expected_minutes = models.PositiveIntegerField(gettext_lazy("预计用时（分钟）"), default=0)
    state = models.CharField(
        gettext_lazy("状态"), max_length=10, choices=TaskState.choices, default=TaskState.SENT, db_index=True
    )
    minutes_spent = models.PositiveIntegerField(gettext_lazy("实际用时（分钟）"), null=True, blank=True)
    reason = models.TextField(gettext_lazy("拒收理由"), blank=True)
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acted_at = models.DateTimeField(null=True, blank=True)
    case_id = models.BigIntegerField(gettext_lazy("监督案件"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["community", "state"])]
        verbose_name = "社区任务"

    def __str__(self) -> str:
        return self.title
