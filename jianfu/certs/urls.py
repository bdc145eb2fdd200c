from django.urls import path

from . import public, views, views_commit

app_name = "certs"

urlpatterns = [
    path("certs/", views.register, name="register"),
    path("certs/export/", views.register_export, name="export"),
    path("certs/new/", views.issue, name="issue"),
    path("certs/<int:pk>/", views.certificate, name="certificate"),
    path("certs/<int:pk>/reveal/", views.certificate_reveal, name="certificate_reveal"),
    path("certs/refuse/", views.refuse, name="refuse"),
    path("certs/refusals/", views.refusals, name="refusals"),
    path("certs/refusals/<int:pk>/", views.refusal, name="refusal"),
    path("certs/refusals/<int:pk>/slip/", views.refusal_slip, name="refusal_slip"),
    path("certs/refusals/<int:pk>/report/", views.refusal_report, name="refusal_report"),
    path("certs/seal/", views.seal_log, name="seal"),
    path("certs/templates/", views_commit.templates, name="templates"),
    path("certs/templates/<str:code>/", views_commit.template_edit, name="template_edit"),
    path("certs/commitments/", views_commit.commitments, name="commitments"),
    path("certs/commitments/new/", views_commit.commitment_new, name="commitment_new"),
    path("certs/commitments/<int:pk>/", views_commit.commitment, name="commitment"),
    path("certs/commitments/<int:pk>/pdf/", views_commit.commitment_pdf, name="commitment_pdf"),
    path("certs/commitments/<int:pk>/reveal/", views_commit.commitment_reveal, name="commitment_reveal"),
    path("certs/commitments/<int:pk>/verify/", views_commit.commitment_verify, name="commitment_verify"),
    path("public/certificates/<str:county_code>/", public.verdict_page, name="verdict"),
    path("public/certificates/<str:county_code>/templates/<str:code>/", public.template_pdf, name="template_pdf"),
]
