"""URLs of the channel register."""

from django.urls import path

from . import views

app_name = "channels"
urlpatterns = [
    path("register/", views.register, name="register"),
    path("register/export.csv", views.register_csv, name="register_csv"),
    path("register/ny/", views.channel_create, name="create"),
    path("register/<uuid:public_id>/", views.channel_detail, name="detail"),
    path("register/<uuid:public_id>/andra/", views.channel_edit, name="edit"),
    path("register/<uuid:public_id>/steg/<slug:name>/", views.channel_step, name="step"),
    path("register/<uuid:public_id>/mandat/ny/", views.mandate_grant, name="mandate_grant"),
    path(
        "register/<uuid:public_id>/mandat/<int:mandate_id>/aterkalla/",
        views.mandate_revoke,
        name="mandate_revoke",
    ),
    path("register/<uuid:public_id>/sparade-svar/", views.saved_replies, name="saved_replies"),
    path(
        "register/<uuid:public_id>/sparade-svar/<int:reply_id>/",
        views.saved_reply_edit,
        name="saved_reply_edit",
    ),
    path(
        "register/<uuid:public_id>/sparade-svar/<int:reply_id>/radera/",
        views.saved_reply_delete_view,
        name="saved_reply_delete",
    ),
    path("plattformar/", views.platforms, name="platforms"),
    path("plattformar/<slug:slug>/", views.platform_decide, name="platform_decide"),
]
