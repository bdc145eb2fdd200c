"""Grid events (网格事件) and hotline demands (12345诉求): the category tree, the event with its
route through community → township → department, the steps it took and its photos."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from jianfu.core.crypto import EncryptedTextField
from jianfu.core.files import StoredFile
from jianfu.orgs.scoping import ScopedModel

from .choices import PhotoKind, Satisfaction, Source, State, Urgency


class Category(ScopedModel):
    """An event category (事件分类) of a county's configurable tree, e.g. 城市管理 › 占道经营.

    ``region_code`` is the county's. ``keywords`` (separated by ，or spaces) classify hotline demands
    whose 诉求类型 matches no name; ``department`` is the unit a township usually whistles to."""

    code = models.CharField(gettext_lazy("编码"), max_length=20)
    name = models.CharField(gettext_lazy("名称"), max_length=50)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=gettext_lazy("上级分类"),
    )
    urgency = models.CharField(
        gettext_lazy("默认紧急程度"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    keywords = models.CharField(gettext_lazy("关键词"), max_length=300, blank=True)
    department = models.ForeignKey(
        "orgs.Org",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("主责部门"),
    )
    is_active = models.BooleanField(gettext_lazy("启用"), default=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["region_code", "code"]
        constraints = [models.UniqueConstraint(fields=["region_code", "code"], name="events_category_code")]
        verbose_name = "事件分类"

    def __str__(self) -> str:
        return self.path

    @property
    def path(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id and self.parent else self.name


class GridWorker(ScopedModel):
    """A community worker assigned to patrol a grid (网格员). ``region_code``: the community's."""

    grid = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["grid", "worker"], name="events_gridworker_unique")]
        verbose_name = "网格员"


class Event(ScopedModel):
    """One grid event or demand (网格事件/诉求) and where it stands.

    ``region_code`` is the community's. ``holder`` is the unit that has it now (community, township
    or department); ``handler`` the unit whose answer the verifier checks (and is ranked on).
    The figures of the ranking (on time, first pass, satisfaction) are kept on the row so that a
    county's year (200,000 events) is ranked in one grouped query."""

    tracking_code = models.CharField(gettext_lazy("查询码"), max_length=16, unique=True)
    source = models.CharField(gettext_lazy("来源"), max_length=10, choices=Source.choices)
    community = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("社区")
    )
    township = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("乡镇")
    )
    grid = models.ForeignKey(
        "orgs.Org", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("网格")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("分类")
    )
    urgency = models.CharField(gettext_lazy("紧急程度"), max_length=10, choices=Urgency.choices)
    title = models.CharField(gettext_lazy("标题"), max_length=100)
    description = models.TextField(gettext_lazy("情况描述"))
    place = models.CharField(gettext_lazy("地点"), max_length=200, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A resident's name and telephone: seen by the community and township, never by a department;
    # encrypted at rest, shown masked until "显示完整号码" (an audited action).
    contact_name = EncryptedTextField(gettext_lazy("反映人"), blank=True)
    contact_phone = EncryptedTextField(gettext_lazy("联系电话"), blank=True)
    hotline_number = models.CharField(gettext_lazy("工单编号"), max_length=40, blank=True)
    state = models.CharField(gettext_lazy("状态"), max_length=12, choices=State.choices, default=State.REPORTED)
    holder = models.ForeignKey(
        "orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("当前承办单位")
    )
    handler = models.ForeignKey(
        "orgs.Org",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("办理单位"),
    )
    received_at = models.DateTimeField(gettext_lazy("受理时间"))
    deadline = models.DateTimeField(gettext_lazy("办理时限"))
    handled_at = models.DateTimeField(gettext_lazy("办理时间"), null=True, blank=True)
    closed_at = models.DateTimeField(gettext_lazy("办结时间"), null=True, blank=True)
    on_time = models.BooleanField(gettext_lazy("按时办理"), null=True)
    rejections = models.PositiveSmallIntegerField(gettext_lazy("核查未通过次数"), default=0)
    first_pass = models.BooleanField(gettext_lazy("一次核查通过"), null=True)
    satisfaction = models.CharField(gettext_lazy("满意度"), max_length=12, choices=Satisfaction.choices, blank=True)
    micro = models.BooleanField(gettext_lazy("微事件（现场办结）"), default=False)
    supporters = models.PositiveIntegerField(gettext_lazy("合并上报次数"), default=0)
    case_id = models.BigIntegerField(gettext_lazy("监督案件"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["region_code", "received_at"], name="events_region_received"),
            # A few days of a period (the ranking's ends, around the rollups' whole months).
            models.Index(fields=["received_at", "region_code"], name="events_received_region"),
            # The overdue list walks this in deadline order and stops at a page (1,5 ms at 200,000);
            # the ranking's overdue counts read it alone (PostgreSQL: an index-only scan).
            models.Index(
                fields=["deadline", "id"],
                condition=models.Q(state__in=["reported", "township", "dispatched", "accepted", "rework"]),
                include=["region_code", "received_at", "grid", "handler", "holder"],
                name="events_pending_deadline",
            ),
            models.Index(fields=["holder", "state"], name="events_holder_state"),
            models.Index(fields=["community", "category", "state"], name="events_duplicates"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "hotline_number"],
                condition=~models.Q(hotline_number=""),
                name="events_hotline_number",
            )
        ]
        verbose_name = "网格事件"

    def __str__(self) -> str:
        return self.title


class Rollup(ScopedModel):
    """Monthly pre-aggregate of events per dimension (``rollups.py``): per handling unit (the
    handler, else the holder) at depths 6/9/12 of the community's code, per grid and per
    community at depth 12. Every action that creates or changes an event updates it in the same
    transaction; ``manage.py rebuild_event_rollups`` rebuilds it. The ranking reads this table.
    ``month`` is the first day of the local month of ``received_at``."""

    class Dimension(models.TextChoices):
        UNIT = "unit", gettext_lazy("办理单位")
        GRID = "grid", gettext_lazy("网格")
        COMMUNITY = "community", gettext_lazy("社区")

    region_code = models.CharField(max_length=12)  # the community's code cut to ``depth`` digits
    dimension = models.CharField(max_length=10, choices=Dimension.choices)
    depth = models.PositiveSmallIntegerField()
    month = models.DateField()
    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    total = models.IntegerField(default=0)
    closed = models.IntegerField(default=0)
    on_time = models.IntegerField(default=0)
    verified = models.IntegerField(default=0)
    first_pass = models.IntegerField(default=0)
    rated = models.IntegerField(default=0)
    satisfied = models.IntegerField(default=0)
    micro = models.IntegerField(default=0)
    own = models.IntegerField(default=0)  # answered by the event's own community

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "depth", "region_code", "month", "org"], name="events_rollup_key"
            )
        ]
        verbose_name = "网格事件月度汇总"

    def __str__(self) -> str:
        return f"{self.dimension} {self.region_code} {self.month:%Y-%m} {self.org_id}: {self.total}"


class Step(ScopedModel):
    """One step of an event's route (流转记录): who did what, from which unit to which, and why.

    Never holds a resident's contact details (a department reads the steps)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(max_length=20)
    label = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    from_org = models.ForeignKey("orgs.Org", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_org = models.ForeignKey("orgs.Org", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["to_org", "event"], name="events_step_to_org")]
        verbose_name = "流转记录"


class Photo(ScopedModel, StoredFile):
    """A photo or document of an event (现场照片、办理材料), stored through core.files."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos")
    step = models.ForeignKey(Step, null=True, blank=True, on_delete=models.CASCADE, related_name="photos")
    kind = models.CharField(max_length=10, choices=PhotoKind.choices, default=PhotoKind.REPORT)

    upload_dir = "events"

    class Meta:
        ordering = ["id"]
        verbose_name = "事件照片"
