"""URLs of follow-up: reports, the compliance view and the audit trail."""

from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("uppfoljning/", views.report_page, name="report"),
    path("uppfoljning/rapport.pdf", views.report_download, {"fmt": "pdf"}, name="report_pdf"),
    path("uppfoljning/rapport.csv", views.report_download, {"fmt": "csv"}, name="report_csv"),
    path("uppfoljning/efterlevnad/", views.compliance_page, name="compliance"),
]
