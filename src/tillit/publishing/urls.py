"""URLs of publishing (Swedish paths, as the rest of the interface)."""

from django.urls import path

from . import views

app_name = "publishing"

urlpatterns = [
    path("publicera/", views.post_list, name="list"),
    path("publicera/nytt/", views.compose, name="compose"),
    path("publicera/kalender/", views.calendar, name="calendar"),
    path("publicera/regler/", views.rules, name="rules"),
    path("publicera/bild/<uuid:token>/", views.public_image, name="public_image"),
    path("publicera/<int:post_id>/", views.post_detail, name="detail"),
    path("publicera/<int:post_id>/skriv/", views.compose, name="edit"),
    path("publicera/<int:post_id>/autospara/", views.autosave, name="autosave"),
    path("publicera/<int:post_id>/steg/", views.post_step, name="step"),
    path("publicera/autospara/", views.autosave, name="autosave_new"),
    path("publicera/bild-storlek/<int:image_id>/", views.image_file, name="image"),
]
