from django.urls import path

from . import views, views_admin, views_contact, views_public

app_name = "events"

urlpatterns = [
    path("events/", views.queue, name="queue"),
    path("events/new/", views.report, name="report"),
    path("events/<int:pk>/", views.detail, name="detail"),
    path("events/<int:pk>/act/<str:action>/", views.act, name="act"),
    path("events/<int:pk>/join/", views.join, name="join"),
    path("events/<int:pk>/contact/", views_contact.reveal_contact, name="contact"),
    path("events/files/<int:pk>/", views.download, name="file"),
    path("events/ranking/", views_admin.ranking, name="ranking"),
    path("events/overdue/", views_admin.overdue_list, name="overdue"),
    path("events/grids/", views_admin.grids, name="grids"),
    path("events/grids/<int:pk>/workers/", views_admin.assign_worker, name="assign_worker"),
    path("events/categories/", views_admin.categories, name="categories"),
    path("events/categories/defaults/", views_admin.load_defaults, name="load_defaults"),
    path("events/import/", views_admin.hotline_import, name="import"),
    path("public/events/track/", views_public.track, name="public_track"),
    path("public/events/<str:county_code>/", views_public.report, name="public_report"),
    path("public/events/<str:county_code>/done/", views_public.done, name="public_done"),
]
