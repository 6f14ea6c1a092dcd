"""What a key may do: scopes, declared once, and the permission that checks them.

A scope narrows a key to a kind of work; it never widens what the person behind the key
may see. A call passes the scope check here and then the same role and mandate rules as
the pages (``restrict()`` in the selectors), so a registrar's key with every scope still
reads only what the registrar reads.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission


class Scope(models.TextChoices):
    """The scopes a key can hold."""

    REGISTER_READ = "register:read", _("Read the channel register")
    QUEUE_READ = "queue:read", _("Read the queue: items, proposals and decisions")
    DECISIONS_WRITE = "decisions:write", _("Record decisions on items")
    RECORDS_READ = "records:read", _("Read registrations and captures")
    RECORDS_WRITE = "records:write", _("Store registration numbers (diarienummer)")
    REPORTS_READ = "reports:read", _("Read reports")


class HasScope(BasePermission):
    """The key holds the view's scope for this method; a browser session holds them all.

    A view names ``scopes = {"GET": Scope.X, "POST": Scope.Y}``; a method it does not name
    is refused, so a new write method cannot slip through under a read scope.
    """

    message = _("The API key does not have the scope this call needs.")

    def has_permission(self, request, view) -> bool:
        if not request.user.is_authenticated:
            return False
        scopes = getattr(view, "scopes", {})
        needed = scopes.get(request.method)
        if needed is None and request.method in ("HEAD", "OPTIONS"):
            needed = scopes.get("GET")
        if needed is None:
            return False
        token = request.auth
        if token is None or not hasattr(token, "scopes"):
            # Signed in with a browser session: the person's roles decide, as on the pages.
            return True
        return needed in token.scopes
