"""Public URLs of the link collection."""

from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("kanaler/", views.index, name="index"),
    path("kanaler/feed.atom", views.feed, name="feed"),
    path("kanaler/<uuid:public_id>/", views.channel, name="channel"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
]
