from django.apps import AppConfig


class DispatchConfig(AppConfig):
    name = "jianfu.dispatch"
    label = "dispatch"
    verbose_name = "任务派发"

    def ready(self) -> None:
        from jianfu.core import events, nav
        from jianfu.core.home import register_panel
        from jianfu.orgs.choices import Role
        from jianfu.orgs.permissions import has_role

        from . import panels, transitions  # noqa: F401  (registers the workflow's event names)
        from .permissions import can_send

        events.register("dispatch.task.send", "派发任务")
        nav.register("任务收件箱", "dispatch_inbox", lambda u: has_role(u, Role.COMMUNITY_WORKER), order=150)
        nav.register(
            "派发任务",
            "dispatch_list",
            lambda u: can_send(u) or has_role(u, Role.LIST_OWNER, Role.APPROVER),
            order=210,
        )
        register_panel(panels.inbox_panel)
        register_panel(panels.refusals_panel)
