from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "jianfu.notify"
    label = "notify"
    verbose_name = "站内通知"
