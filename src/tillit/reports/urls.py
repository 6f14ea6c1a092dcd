"""URLs of follow-up: reports, the compliance view and the audit trail."""

from django.urls import path

from . import views, views_audit

app_name = "reports"
urlpatterns = [
    path("uppfoljning/", views.report_page, name="report"),
    path("uppfoljning/rapport.pdf", views.report_download, {"fmt": "pdf"}, name="report_pdf"),
    path("uppfoljning/rapport.csv", views.report_download, {"fmt": "csv"}, name="report_csv"),
    path("uppfoljning/efterlevnad/", views.compliance_page, name="compliance"),
    path("uppfoljning/manadsrapport/", views.monthly_report_settings, name="monthly"),
    path("granskningslogg/", views_audit.audit_entries, name="audit_entries"),
    path(
        "granskningslogg/objekt/<str:object_type>/<str:object_id>/",
        views_audit.audit_object,
        name="audit_object",
    ),
    path("granskningslogg/verifiera/", views_audit.audit_verify, name="audit_verify"),
    path("granskningslogg/export.csv", views_audit.audit_export, name="audit_export"),
]
