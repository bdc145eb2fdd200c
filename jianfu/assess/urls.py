from django.urls import path

from . import views, views_assessors, views_more, views_objections, views_survey, views_visits

app_name = "assess"

urlpatterns = [
    path("assess/", views.scheme_list, name="list"),
    path("assess/new/", views.scheme_new, name="new"),
    path("assess/<int:pk>/", views.scheme_detail, name="detail"),
    path("assess/<int:pk>/indicators/", views.indicator_add, name="indicator_add"),
    path("assess/<int:pk>/indicators/<int:indicator_pk>/remove/", views.indicator_remove, name="indicator_remove"),
    path("assess/<int:pk>/act/<str:action>/", views.act, name="act"),
    path("assess/<int:pk>/scores/", views_more.score_enter, name="score"),
    path("assess/<int:pk>/import/", views_more.score_import, name="import"),
    path("assess/<int:pk>/template.xlsx", views_more.template, name="template"),
    path("assess/<int:pk>/objections/deadline/", views_objections.set_deadline, name="objection_deadline"),
    path("assess/<int:pk>/objections/", views_objections.raise_objection, name="objection_raise"),
    path("assess/<int:pk>/objections/<int:objection_pk>/decide/", views_objections.decide, name="objection_decide"),
    path("assess/<int:pk>/result/<str:community_code>.pdf", views_objections.community_pdf, name="community_pdf"),
    path("assess/<int:pk>/assessors/", views_assessors.appoint, name="appoint"),
    path("assess/<int:pk>/assessor-scores/", views_assessors.assessor_score, name="assessor_score"),
    path("assess/<int:pk>/evidence/<int:file_id>/", views_assessors.evidence_file, name="evidence_file"),
    path("assess/<int:pk>/compute/", views_survey.compute, name="compute"),
    path("assess/<int:pk>/survey/", views_survey.survey_page, name="survey"),
    path("assess/<int:pk>/survey/codes/", views_survey.issue_codes, name="survey_codes"),
    path("assess/<int:pk>/survey/review/", views_survey.review, name="survey_review"),
    path("assess/ratings/", views_more.ratings, name="ratings"),
    path("assess/visits/", views_visits.visit_log, name="visits"),
    path("public/survey/", views_survey.public_survey, name="public_survey"),
    path("public/assess/<str:county_code>/", views_more.public_results, name="public"),
]
