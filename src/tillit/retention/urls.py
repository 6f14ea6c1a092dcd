"""URLs of retention."""

app_name = "retention"
urlpatterns: list = []
