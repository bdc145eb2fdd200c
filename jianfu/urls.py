"""URL map: core and orgs pages, each app's pages under its own prefix, and the API."""

from django.urls import include, path

from jianfu.api.api import api

urlpatterns = [
    path("", include("jianfu.core.urls")),
    path("", include("jianfu.orgs.urls")),
    path("api/v1/", api.urls),
]

handler400 = "jianfu.core.errorviews.bad_request"
handler403 = "jianfu.core.errorviews.permission_denied"
handler404 = "jianfu.core.errorviews.page_not_found"
handler500 = "jianfu.core.errorviews.server_error"
