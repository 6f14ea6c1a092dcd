"""Choice sets of records."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    """What the registrar decided about a direct message."""

    REGISTERED = "registered", _("Registered")
    LITTLE_IMPORTANCE = "little_importance", _("Of obviously little importance")


class Direction(models.TextChoices):
    """Whether a document in a case came in or went out."""

    INCOMING = "incoming", _("Received")
    OUTGOING = "outgoing", _("Sent")


class HandoverState(models.TextChoices):
    """Where a registration stands with the records system."""

    NOT_APPLICABLE = "not_applicable", _("Not handed over")
    READY = "ready", _("Ready for hand-over")
    FAILED = "failed", _("Hand-over failed")
    SENT = "sent", _("Handed over")
    CONFIRMED = "confirmed", _("Registration number received")


class HandoverMethod(models.TextChoices):
    """The ways a registration reaches the records system."""

    ERMS = "erms", _("ERMS file")
    EMAIL = "email", _("E-mail to the registry")
    API = "api", _("JSON API")
    WEBHOOK = "webhook", _("Signed webhook")
    MANUAL = "manual", _("Typed in")


class AccessRequestState(models.TextChoices):
    """A public access request's state; closed is final."""

    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class PersonalDataKind(models.TextChoices):
    """What a data subject asked for."""

    ACCESS = "access", _("Access (GDPR art. 15)")
    ERASURE = "erasure", _("Erasure (GDPR art. 17)")


class ErasureOutcome(models.TextChoices):
    """The decision on an erasure request, weighed against the archive duty."""

    PENDING = "pending", _("Not yet decided")
    REFUSED = "refused", _("Refused: official documents must be kept (GDPR art. 17.3 b)")
    GRANTED = "granted", _("Granted: disposed of under a disposal decision")
