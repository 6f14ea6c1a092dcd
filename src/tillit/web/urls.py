"""URLs of the signed-in home and notices."""

from django.urls import path

from . import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("notiser/", views.notices, name="notices"),
    path("notiser/lasta/", views.notices_mark_read, name="notices_mark_read"),
]
