from django.urls import path

from . import views, views_out

urlpatterns = [
    path("notifications/", views.notification_list, name="notify_list"),
    path("notifications/<int:pk>/open/", views.notification_open, name="notify_open"),
    path("notifications/read-all/", views.notification_read_all, name="notify_read_all"),
    path("notifications/deliveries/", views_out.deliveries, name="notify_deliveries"),
    path("notifications/deliveries/<int:pk>/retry/", views_out.delivery_retry, name="notify_delivery_retry"),
    path("account/notifications/", views_out.preferences, name="notify_preferences"),
]
