from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [
    path("lists/lexicon/", views.lexicon, name="lexicon"),
    path("lists/lexicon/<int:pk>/", views.group_edit, name="group_edit"),
    path("lists/lexicon/<int:pk>/delete/", views.group_delete, name="group_delete"),
]
