"""URLs of the archive."""

app_name = "archive"
urlpatterns: list = []
