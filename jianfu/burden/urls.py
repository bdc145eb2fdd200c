from django.urls import path

from . import views

urlpatterns = [
    path("burden/", views.dashboard, name="burden_dashboard"),
    path("burden/community/<str:code>/", views.community, name="burden_community"),
    path("burden/entries/new/", views.entry_new, name="burden_entry_new"),
    path("burden/events/new/", views.event_new, name="burden_event_new"),
    path("burden/breaches/", views.breaches, name="burden_breaches"),
    path("burden/report/", views.report, name="burden_report"),
    path("burden/import/", views.import_entries, name="burden_import"),
    path("burden/rules/", views.rules, name="burden_rules"),
    path("burden/rules/set/", views.rule_set, name="burden_rule_set"),
]
