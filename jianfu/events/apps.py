from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "jianfu.events"
    label = "events"
    verbose_name = "网格事件与接诉即办"

    def ready(self) -> None:
        from jianfu.core import events, nav
        from jianfu.core.home import register_panel
        from jianfu.orgs.choices import Role
        from jianfu.orgs.permissions import has_role
        from jianfu.supervision import scoreboard

        from . import panels, transitions  # noqa: F401  (registers the workflow's event names)
        from .permissions import sees_numbers

        events.register("events.event.report", "上报网格事件")
        events.register("events.event.join", "合并上报")
        events.register("events.category.save", "维护事件分类")
        events.register("events.grid.assign", "安排网格员")
        events.register("events.hotline.import", "导入12345工单")
        events.register("events.contact.reveal", "查看反映人完整联系方式")
        nav.register(
            "网格事件",
            "events:queue",
            lambda u: has_role(u, Role.COMMUNITY_WORKER, Role.TOWNSHIP_OFFICER, Role.DEPT_OFFICER),
            order=160,
        )
        nav.register("接诉即办排名", "events:ranking", sees_numbers, order=420)
        register_panel(panels.queue_panel)
        scoreboard.register("events_failed_verification", "网格事件三次核查未通过", panels.failed_by_department)
        scoreboard.register("events_overdue", "网格事件超期未办", panels.overdue_by_department)
