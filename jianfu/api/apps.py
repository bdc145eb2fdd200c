from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "jianfu.api"
    label = "jianfu_api"
    verbose_name = "接口"

    def ready(self) -> None:
        # Mount the routers now, so that the token scopes (core.scopes) are known before any
        # request or action needs them.
        from . import api  # noqa: F401
