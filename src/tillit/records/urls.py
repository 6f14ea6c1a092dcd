"""URLs of records."""

app_name = "records"
urlpatterns: list = []
