"""URLs of the inbox."""

from django.urls import path

from . import connection_views, views, webhooks

app_name = "inbox"
urlpatterns = [
    path("inkorg/", views.queue, name="queue"),
    path("inkorg/nytt/", views.queue_fresh, name="queue_fresh"),
    path("inkorg/filter/", views.saved_filter_create, name="filter_save"),
    path("inkorg/filter/<int:saved_id>/radera/", views.saved_filter_remove, name="filter_delete"),
    path("inkorg/<int:item_id>/", views.item_detail, name="item"),
    # Before the action route, whose slug would otherwise take "narvaro".
    path("inkorg/<int:item_id>/narvaro/", views.presence_beat, name="presence"),
    # Before the platform actions' <slug:kind>, which would otherwise take "tilldela".
    path("inkorg/<int:item_id>/tilldela/", views.item_assign_view, name="assign"),
    path("inkorg/<int:item_id>/<slug:kind>/", views.item_act, name="act"),
    path(
        "inkorg/<int:item_id>/atgard/<int:action_id>/forsok-igen/",
        views.action_try_again,
        name="action_retry",
    ),
    path(
        "inkorg/<int:item_id>/atgard/<int:action_id>/gjort-for-hand/",
        views.action_confirm,
        name="action_confirm",
    ),
    # Meta's callback URL as configured in existing apps; the same view as every platform's.
    path("webhooks/meta/", webhooks.receive, {"group": "meta"}, name="webhook-meta"),
    path("webhooks/<slug:group>/", webhooks.receive, name="webhook"),
    path(
        "register/<uuid:public_id>/koppling/", connection_views.connection_edit, name="connection"
    ),
    path(
        "register/<uuid:public_id>/koppling/test/",
        connection_views.connection_test,
        name="connection_test",
    ),
    path(
        "register/<uuid:public_id>/profil/kontrollera/",
        connection_views.profile_audit_now,
        name="profile_audit_now",
    ),
]
