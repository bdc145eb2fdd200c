from django.urls import path

from . import views

urlpatterns = [
    path("notifications/", views.notification_list, name="notify_list"),
    path("notifications/<int:pk>/open/", views.notification_open, name="notify_open"),
    path("notifications/read-all/", views.notification_read_all, name="notify_read_all"),
]
