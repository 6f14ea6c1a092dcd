"""URLs of retention."""

from django.urls import path

from . import views

app_name = "retention"
urlpatterns = [
    path("gallring/", views.index, name="index"),
    path("gallring/<slug:what>/", views.act, name="act"),
    path("gallring/<slug:what>/<int:pk>/", views.act, name="act_on"),
]
