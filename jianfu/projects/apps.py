from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "jianfu.projects"
    label = "projects"
    verbose_name = "民生微实事"

    def ready(self) -> None:
        from jianfu.core import events, nav
        from jianfu.core.home import register_panel

        from . import panels, transitions  # noqa: F401  (registers the workflow's event names)
        from .permissions import can_see_numbers, can_see_projects

        for key, label in (
            ("projects.project.propose", "提出项目建议"),
            ("projects.envelope.set", "设定民生微实事额度"),
            ("projects.milestone.add", "记录实施进度"),
            ("projects.spending.add", "记录项目支出"),
            ("projects.round.open", "发起居民投票"),
            ("projects.round.codes", "生成投票码"),
            ("projects.round.close", "结束投票并计票"),
            ("projects.vote.cast", "居民投票"),
        ):
            events.register(key, label)
        nav.register("民生微实事", "projects:list", can_see_projects, order=270)
        nav.register("微实事统计", "projects:numbers", can_see_numbers, order=271)
        register_panel(panels.waiting_panel)
