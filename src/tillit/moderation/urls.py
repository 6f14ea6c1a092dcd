"""URLs of moderation."""

from django.urls import path

from . import views

app_name = "moderation"
urlpatterns = [
    path("inkorg/<int:item_id>/beslut/", views.decide, name="decide"),
    path("inkorg/beslut/", views.bulk, name="bulk"),
    path("granska/", views.review_list, name="review_list"),
    path("granska/<int:decision_id>/", views.review, name="review"),
    path("kanaler/<uuid:public_id>/regler/", views.channel_rules, name="channel_rules"),
]
