"""URLs of the organisation administrator's pages."""

from django.urls import path

from . import views

app_name = "organisation"
urlpatterns = [
    path("organisation/", views.settings_edit, name="settings"),
    path("organisation/personer/", views.people, name="people"),
    path("organisation/personer/<int:person_id>/", views.person_detail, name="person"),
    path(
        "organisation/personer/<int:person_id>/roller/<int:assignment_id>/ta-bort/",
        views.role_delete,
        name="role_delete",
    ),
    path("organisation/personer/<int:person_id>/avsluta/", views.person_leave, name="leave"),
    path(
        "organisation/personer/<int:person_id>/ateraktivera/",
        views.person_return,
        name="reactivate",
    ),
    path(
        "organisation/personer/<int:person_id>/inbjudan/",
        views.person_send_invitation,
        name="invite",
    ),
]
