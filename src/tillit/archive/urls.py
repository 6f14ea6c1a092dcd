"""URLs of the archive."""

from django.urls import path

from . import views

app_name = "archive"
urlpatterns = [
    path("arkiv/", views.register, name="register"),
    path("arkiv/kanal/<uuid:public_id>/", views.channel_archive, name="channel"),
    path("arkiv/kanal/<uuid:public_id>/fanga/", views.capture_create, name="capture_create"),
    path("arkiv/kanal/<uuid:public_id>/schema/", views.schedule_update, name="schedule"),
    path("arkiv/kanal/<uuid:public_id>/export/", views.export_create, name="export_create"),
    path("arkiv/fangst/<uuid:public_id>/", views.capture_detail, name="capture"),
    path("arkiv/fangst/<uuid:public_id>/status.json", views.capture_status, name="capture_status"),
    path("arkiv/fangst/<uuid:public_id>/verifiera/", views.capture_verify, name="capture_verify"),
    path("arkiv/fangst/<uuid:public_id>/fil/<slug:role>/", views.capture_file, name="capture_file"),
    path("arkiv/export/<uuid:public_id>/", views.export_detail, name="export"),
    path("arkiv/export/<uuid:public_id>/status.json", views.export_status, name="export_status"),
    path("arkiv/export/<uuid:public_id>/ladda-ned/", views.export_download, name="export_download"),
]
