"""Local accounts' pages under /konto/: one-time links, reset, two-step verification."""

from django.urls import path

from . import views

app_name = "signin"

urlpatterns = [
    path("valkommen/<uidb64>/<token>/", views.WelcomeView.as_view(), name="welcome"),
    path("glomt-losenord/", views.ResetRequestView.as_view(), name="reset"),
    path("glomt-losenord/skickat/", views.ResetSentView.as_view(), name="reset_sent"),
    path("nytt-losenord/<uidb64>/<token>/", views.ResetConfirmView.as_view(), name="reset_confirm"),
    path("losenord-valt/", views.PasswordSetView.as_view(), name="password_set"),
    path("tvastegs/", views.verify, name="two_factor"),
    path("tvastegs/aktivera/", views.enrol, name="enrol"),
    path("tvastegs/aterstall/<int:person_id>/", views.reset_two_factor, name="two_factor_reset"),
]
