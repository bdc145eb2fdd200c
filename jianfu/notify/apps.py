from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "jianfu.notify"
    label = "notify"
    verbose_name = "站内通知"

    def ready(self) -> None:
        from jianfu.core import events, nav
        from jianfu.orgs.permissions import is_sysadmin

        events.register("notify.notification.read_all", "通知全部标为已读")
        events.register("notify.preference.set", "修改通知设置")
        events.register("notify.delivery.retry", "重发失败的通知")
        nav.register("通知投递", "notify_deliveries", is_sysadmin, order=880)
