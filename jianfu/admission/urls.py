from django.urls import path

from . import views

urlpatterns = [
    path("admission/", views.application_list, name="admission_list"),
    path("admission/new/", views.application_create, name="admission_create"),
    path("admission/plans/", views.plan_windows, name="admission_plans"),
    path("admission/plans/<int:pk>/", views.plan_detail, name="admission_plan"),
    path("admission/plans/<int:pk>/xlsx/", views.plan_xlsx, name="admission_plan_xlsx"),
    path("admission/plans/<int:pk>/pdf/", views.plan_pdf, name="admission_plan_pdf"),
    path("admission/<int:pk>/", views.application_detail, name="admission_detail"),
    path("admission/<int:pk>/edit/", views.application_edit, name="admission_edit"),
    path("admission/<int:pk>/submit/", views.application_submit, name="admission_submit"),
    path("admission/<int:pk>/act/", views.application_act, name="admission_act"),
    path("admission/<int:pk>/attachments/", views.attachment_upload, name="admission_attach"),
    path("admission/<int:pk>/attachments/<int:att_pk>/", views.attachment_download, name="admission_attachment"),
]
