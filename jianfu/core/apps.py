from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jianfu.core"
    label = "core"
    verbose_name = "核心"

    def ready(self) -> None:
        from . import nav

        nav.register("首页", "home", lambda u: True, order=0)
        nav.register("我的操作记录", "my_audit", lambda u: True, order=900)
