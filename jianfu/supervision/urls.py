from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("supervision/", views.home, name="home"),
    path("supervision/cases/", views.case_list, name="cases"),
    path("supervision/cases/bulk/", views.case_bulk, name="case_bulk"),
    path("supervision/cases/<int:pk>/", views.case_detail, name="case"),
    path("supervision/cases/<int:pk>/move/", views.case_move, name="case_move"),
    path("supervision/cases/<int:pk>/reporter/", views.reporter_reveal, name="reporter_reveal"),
    path("supervision/cases/<int:pk>/facts/", views.case_facts, name="case_facts"),
    path("supervision/cases/<int:pk>/order/", views.order_create, name="order_create"),
    path("supervision/cases/<int:pk>/recheck/", views.recheck_schedule, name="recheck_schedule"),
    path("supervision/rechecks/<int:pk>/", views.recheck_record, name="recheck_record"),
    path("supervision/orders/", views.order_list, name="orders"),
    path("supervision/orders/<int:pk>/", views.order_detail, name="order"),
    path("supervision/orders/<int:pk>/pdf/", views.order_pdf, name="order_pdf"),
    path("supervision/files/<int:pk>/", views.evidence_file, name="file"),
    path("supervision/report/", views.worker_report, name="report"),
    path("supervision/mine/", views.my_reports, name="mine"),
    path("supervision/notices/", views.notice_list, name="notices"),
    path("supervision/notices/<int:pk>/", views.notice_detail, name="notice"),
    path("supervision/notices/<int:pk>/pdf/", views.notice_pdf, name="notice_pdf"),
    path("supervision/notices/<int:pk>/publish/", views.notice_publish, name="notice_publish"),
    path("supervision/scoreboard/", views.scoreboard, name="scoreboard"),
    path("public/report/<str:county_code>/", views.public_report, name="public_report"),
    path("public/report/<str:county_code>/done/", views.public_report_done, name="public_report_done"),
    path("public/track/", views.public_track, name="public_track"),
    path("public/notices/<str:county_code>/", views.public_notices, name="public_notices"),
    path("public/notices/<str:county_code>/<int:pk>/", views.public_notice, name="public_notice"),
]
