"""URLs of records."""

from django.urls import path

from . import views, views_access

app_name = "records"
urlpatterns = [
    path("handlingar/", views.where_to_ask, name="where_to_ask"),
    path("diarium/", views.queue, name="queue"),
    path("diarium/meddelande/<int:item_id>/", views.message, name="message"),
    path("diarium/registreringar/", views.registrations, name="registrations"),
    path("diarium/arende/<int:case_id>/", views.case_detail, name="case"),
    path("diarium/arende/<int:case_id>/erms.xml", views.case_erms, name="case_erms"),
    path(
        "diarium/registrering/<int:registration_id>/overlamna/<slug:method>/",
        views.handover,
        name="handover",
    ),
    path(
        "diarium/registrering/<int:registration_id>/sekretess/",
        views.mark_secret,
        name="mark_secret",
    ),
    path("diarium/kanal/<int:channel_id>/", views_access.channel_documents, name="documents"),
    path("diarium/begaran/", views_access.access_requests, name="access_requests"),
    path("diarium/begaran/<int:request_id>/", views_access.access_request, name="access_request"),
    path(
        "diarium/begaran/<int:request_id>/<slug:what>/",
        views_access.access_request_act,
        name="access_request_act",
    ),
    path(
        "diarium/begaran/<int:request_id>/utlamnande.<slug:fmt>",
        views_access.access_request_export,
        name="access_request_export",
    ),
    path("diarium/personuppgifter/", views_access.personal, name="personal"),
    path(
        "diarium/personuppgifter/<int:author_id>/",
        views_access.personal_author,
        name="personal_author",
    ),
    path(
        "diarium/personuppgifter/begaran/<int:request_id>/beslut/",
        views_access.personal_decide,
        name="personal_decide",
    ),
    path("diarium/blockeringar/", views_access.blocks, name="blocks"),
]
