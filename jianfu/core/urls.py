from django.urls import path

from . import metrics, views

urlpatterns = [
    path("", views.home, name="home"),
    path("audit/mine/", views.my_audit, name="my_audit"),
    path("healthz", views.healthz, name="healthz"),
    path("metrics", metrics.metrics_view, name="metrics"),
]
