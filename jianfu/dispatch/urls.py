from django.urls import path

from . import views

urlpatterns = [
    path("tasks/", views.sent_list, name="dispatch_list"),
    path("tasks/new/", views.send, name="dispatch_send"),
    path("tasks/<int:pk>/", views.dispatch_detail, name="dispatch_detail"),
    path("inbox/", views.inbox, name="dispatch_inbox"),
    path("inbox/<int:pk>/<str:op>/", views.inbox_act, name="dispatch_inbox_act"),
]
