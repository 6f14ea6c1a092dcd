"""The integration API under /api/v1/, its schema and docs, and the key pages."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

# ``schema``: the key's security scheme must be known before the schema is built; only the
# web needs it, so it is loaded with the URLs, not at every process's start.
from . import (
    schema,  # noqa: F401
    views_docs,
    views_queue,
    views_records,
    views_register,
    views_reports,
    views_tokens,
)

app_name = "api"

#: The endpoints, in the order the docs page lists them.
ENDPOINTS = [
    path("api/v1/channels/", views_register.ChannelsApi.as_view(), name="channels"),
    path("api/v1/channels/<uuid:channel_id>/", views_register.ChannelApi.as_view(), name="channel"),
    path("api/v1/items/", views_queue.ItemsApi.as_view(), name="items"),
    path("api/v1/items/<int:item_id>/", views_queue.ItemApi.as_view(), name="item"),
    path(
        "api/v1/items/<int:item_id>/decisions/",
        views_queue.ItemDecisionsApi.as_view(),
        name="item_decisions",
    ),
    path("api/v1/decisions/", views_queue.DecisionsApi.as_view(), name="decisions"),
    path(
        "api/v1/records/registrations",
        views_records.RegistrationsApi.as_view(),
        name="registrations",
    ),
    path(
        "api/v1/records/registrations/<int:registration_id>",
        views_records.RegistrationApi.as_view(),
        name="registration",
    ),
    path("api/v1/captures/", views_records.CapturesApi.as_view(), name="captures"),
    path("api/v1/captures/<uuid:capture_id>/", views_records.CaptureApi.as_view(), name="capture"),
    path("api/v1/reports/moderation", views_reports.ModerationReportApi.as_view(), name="report"),
]

urlpatterns = [
    *ENDPOINTS,
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/v1/", views_docs.docs, name="docs"),
    path("konto/api-nycklar/", views_tokens.own_keys, name="own_tokens"),
    path("konto/api-nycklar/<int:token_id>/aterkalla/", views_tokens.revoke, name="revoke"),
    path("organisation/tjanstekonton/", views_tokens.service_keys, name="service_tokens"),
]
