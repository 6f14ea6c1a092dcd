"""URLs of the inbox."""

from django.urls import path

from . import views, webhooks

app_name = "inbox"
urlpatterns = [
    path("inkorg/", views.queue, name="queue"),
    path("inkorg/<int:item_id>/", views.item_detail, name="item"),
    path("inkorg/<int:item_id>/<slug:kind>/", views.item_act, name="act"),
    path("webhooks/meta/", webhooks.meta, name="webhook-meta"),
]
