"""URL map: core and orgs pages, every other Jianfu app's urls.py, and the API."""

import importlib

from django.apps import apps
from django.urls import include, path

from jianfu.api.api import api


def _app_urls() -> list:
    """Each app's own urls.py (with full paths such as "lists/…" or "public/…")."""
    patterns = []
    for config in apps.get_app_configs():
        if not config.name.startswith("jianfu.") or config.name in ("jianfu.core", "jianfu.orgs", "jianfu.api"):
            continue
        try:
            importlib.import_module(f"{config.name}.urls")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.urls":
                raise
            continue
        patterns.append(path("", include(f"{config.name}.urls")))
    return patterns


urlpatterns = [
    path("", include("jianfu.core.urls")),
    path("", include("jianfu.orgs.urls")),
    *_app_urls(),
    path("api/v1/", api.urls),
]

handler400 = "jianfu.core.errorviews.bad_request"
handler403 = "jianfu.core.errorviews.permission_denied"
handler404 = "jianfu.core.errorviews.page_not_found"
handler500 = "jianfu.core.errorviews.server_error"
