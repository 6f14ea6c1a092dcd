"""URLs of follow-up: reports, the compliance view and the audit trail."""

app_name = "reports"
urlpatterns: list = []
