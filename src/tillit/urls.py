"""Top-level URLs."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from tillit.core.login_throttle import ThrottledAuthenticationForm
from tillit.directory.api import DirectoryChannelsApi
from tillit.web.health import healthz, readyz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path(
        "konto/logga-in/",
        auth_views.LoginView.as_view(authentication_form=ThrottledAuthenticationForm),
        name="login",
    ),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/", include("tillit.signin.urls")),
    path("oidc/", include("tillit.signin.oidc_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "api/v1/directory/channels", DirectoryChannelsApi.as_view(), name="api-directory-channels"
    ),
    path("", include("tillit.api.urls")),
    path("", include("tillit.directory.urls")),
    path("", include("tillit.channels.urls")),
    path("", include("tillit.organisation.urls")),
    # Moderation before the inbox: "inkorg/<id>/beslut/" must not fall to the inbox's action URL.
    path("", include("tillit.moderation.urls")),
    path("", include("tillit.inbox.urls")),
    path("", include("tillit.records.urls")),
    path("", include("tillit.retention.urls")),
    path("", include("tillit.archive.urls")),
    path("", include("tillit.publishing.urls")),
    path("", include("tillit.reports.urls")),
    path("", include("tillit.web.urls")),
]

# Missing and forbidden read the same; the 500 page needs neither database nor templates.
handler403 = "tillit.web.errors.forbidden"
handler404 = "tillit.web.errors.not_found"
handler500 = "tillit.web.errors.server_error"
