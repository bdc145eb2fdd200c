from django.urls import path

from . import views, views_public, views_rounds

app_name = "projects"

urlpatterns = [
    path("projects/", views.project_list, name="list"),
    path("projects/new/", views.project_new, name="new"),
    path("projects/<int:pk>/", views.project_detail, name="detail"),
    path("projects/<int:pk>/act/<str:action>/", views.project_act, name="act"),
    path("projects/<int:pk>/milestones/", views.milestone_add, name="milestone"),
    path("projects/<int:pk>/spending/", views.spending_add, name="spending"),
    path("projects/envelopes/", views.envelopes, name="envelopes"),
    path("projects/numbers/", views_rounds.numbers, name="numbers"),
    path("projects/numbers.xlsx", views_rounds.numbers_xlsx, name="numbers_xlsx"),
    path("projects/rounds/new/", views_rounds.round_new, name="round_new"),
    path("projects/rounds/<int:pk>/", views_rounds.round_detail, name="round"),
    path("projects/rounds/<int:pk>/codes/", views_rounds.round_codes, name="round_codes"),
    path("projects/rounds/<int:pk>/close/", views_rounds.round_close, name="round_close"),
    path("public/projects/<str:code>/", views_public.board, name="public_board"),
    path("public/projects/<str:code>/propose/", views_public.propose, name="public_propose"),
    path("public/projects/project/<int:pk>/", views_public.project, name="public_project"),
    path("public/projects/vote/<int:pk>/", views_public.vote, name="public_vote"),
    path("public/projects/photos/<int:pk>/", views_public.photo, name="public_photo"),
]
