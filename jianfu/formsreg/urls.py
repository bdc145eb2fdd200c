from django.urls import path

from . import views, views_fill

app_name = "formsreg"

urlpatterns = [
    path("forms/", views.form_list, name="list"),
    path("forms/new/", views.register, name="register"),
    path("forms/duplicates/", views.duplicate_page, name="duplicates"),
    path("forms/numbers/", views.numbers_page, name="numbers"),
    path("forms/caps/", views.set_cap, name="caps"),
    path("forms/calendar/", views_fill.calendar, name="calendar"),
    path("forms/base/", views_fill.base_data, name="base"),
    path("forms/schedule/", views_fill.schedule, name="schedule"),
    path("forms/report/", views_fill.report, name="report"),
    path("forms/submissions/<int:pk>/xlsx/", views_fill.submission_xlsx, name="submission_xlsx"),
    path("forms/<int:pk>/", views.detail, name="detail"),
    path("forms/<int:pk>/reuse/", views.reuse, name="reuse"),
    path("forms/<int:pk>/layout/", views.upload_layout, name="layout"),
    path("forms/<int:pk>/layout.xlsx", views.download_layout, name="layout_download"),
    path("forms/<int:pk>/merge/", views.merge, name="merge"),
    path("forms/<int:pk>/demand/", views.demand, name="demand"),
    path("forms/<int:pk>/fill/", views_fill.fill, name="fill"),
]
