from django.apps import AppConfig


class DispatchConfig(AppConfig):
    name = "jianfu.dispatch"
    label = "dispatch"
    verbose_name = "任务派发"
