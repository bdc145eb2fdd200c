from django.urls import path

from .views import campaigns, inspections, ledger, report

app_name = "campaigns"

urlpatterns = [
    path("campaigns/", campaigns.campaign_list, name="list"),
    path("campaigns/new/", campaigns.campaign_new, name="new"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="detail"),
    path("campaigns/<int:pk>/act/<str:action>/", campaigns.campaign_act, name="act"),
    path("campaigns/<int:pk>/stages/<int:stage_pk>/close/", campaigns.stage_close, name="stage_close"),
    path("campaigns/<int:pk>/ledger/", ledger.ledger, name="ledger"),
    path("campaigns/<int:pk>/ledger/add/", ledger.item_add, name="item_add"),
    path("campaigns/<int:pk>/reports/", ledger.reports, name="reports"),
    path("campaigns/items/<int:pk>/", ledger.item_edit, name="item"),
    path("campaigns/items/<int:pk>/files/<int:file_pk>/", ledger.item_file, name="item_file"),
    path("campaigns/<int:pk>/inspections/new/", inspections.inspection_new, name="inspection_new"),
    path("campaigns/<int:pk>/findings/", inspections.findings, name="findings"),
    path("campaigns/findings/<int:pk>/", inspections.finding_detail, name="finding"),
    path("campaigns/findings/<int:pk>/decide/<str:action>/", inspections.finding_decide, name="finding_decide"),
    path("campaigns/findings/<int:pk>/files/<int:file_pk>/", inspections.finding_file, name="finding_file"),
    path("campaigns/<int:pk>/report/", report.report, name="report"),
    path("campaigns/<int:pk>/report.xlsx", report.report_xlsx, name="report_xlsx"),
    path("campaigns/<int:pk>/report.pdf", report.report_pdf, name="report_pdf"),
]
