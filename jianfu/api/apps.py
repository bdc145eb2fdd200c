from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "jianfu.api"
    label = "jianfu_api"
    verbose_name = "接口"
