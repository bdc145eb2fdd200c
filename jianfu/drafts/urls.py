from django.urls import path

from . import views

urlpatterns = [
    path("drafts/", views.draft_list, name="drafts_list"),
    path("drafts/new/", views.submit, name="drafts_submit"),
    path("drafts/found/", views.report_found, name="drafts_found"),
    path("drafts/<int:pk>/", views.detail, name="drafts_detail"),
    path("drafts/<int:pk>/review/", views.review, name="drafts_review"),
    path("drafts/<int:pk>/resubmit/", views.resubmit, name="drafts_resubmit"),
    path("drafts/<int:pk>/act/<str:op>/", views.act, name="drafts_act"),
    path("drafts/<int:pk>/findings.xlsx", views.findings_xlsx, name="drafts_xlsx"),
    path("drafts/<int:pk>/opinions/<int:opinion_pk>/pdf/", views.opinion_pdf, name="drafts_opinion_pdf"),
    path("drafts/<int:pk>/files/<int:file_pk>/", views.download, name="drafts_file"),
]
