from django.apps import AppConfig


class BurdenConfig(AppConfig):
    name = "jianfu.burden"
    label = "burden"
    verbose_name = "负担监测"

    def ready(self) -> None:
        from jianfu.core import nav
        from jianfu.core.home import register_panel
        from jianfu.supervision import scoreboard

        from . import panels
        from .permissions import can_record
        from .selectors import home_region, scoreboard_hours

        nav.register("负担监测", "burden_dashboard", lambda u: home_region(u) is not None, order=400)
        nav.register("补记负担", "burden_entry_new", can_record, order=410)
        register_panel(panels.burden_panel)
        # Supervision's department scoreboard shows the burden each department caused.
        scoreboard.register("burden_hours", "造成社区负担（小时）", scoreboard_hours)
