from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "jianfu.notify"
    label = "notify"
    verbose_name = "站内通知"

    def ready(self) -> None:
        from jianfu.core import events

        events.register("notify.notification.read_all", "通知全部标为已读")
