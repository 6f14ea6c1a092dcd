"""OpenID Connect URLs under /oidc/: the library's names, so its reverse() calls find them."""

from django.urls import path

from . import oidc_views

urlpatterns = [
    path("authenticate/", oidc_views.AuthenticateView.as_view(), name="oidc_authentication_init"),
    path("callback/", oidc_views.CallbackView.as_view(), name="oidc_authentication_callback"),
    path("nekad/", oidc_views.refused, name="oidc_refused"),
]
