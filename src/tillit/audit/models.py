"""Audit entries, each sealed by HMAC and chained to the one before, and the head used as a lock."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One recorded change: who did what to which object, chained to the previous entry."""

    # A gap-free sequence (ids may skip after rollbacks on PostgreSQL): a missing number
    # proves a deleted entry.
    seq = models.BigIntegerField(_("sequence"), unique=True)
    at = models.DateTimeField(_("time"))
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True)
    actor_label = models.CharField(_("actor"), max_length=200)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    detail = models.JSONField(_("detail"), default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # The id of the HMAC key that sealed the entry; empty for entries sealed before keys
    # existed, which carry a plain SHA-256 hash (ADR 8).
    key_id = models.CharField(max_length=32, blank=True, default="")

    class Meta:
        ordering = ["seq"]
        # The trail is read newest first, filtered by object, period, person or action
        # (tillit.reports): each filter has an index, and those ordered by seq carry it.
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["at"]),
            models.Index(fields=["actor_id", "seq"]),
            models.Index(fields=["action", "seq"]),
        ]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        """Refuse updates: the trail is append-only."""
        if self.pk is not None:
            raise PermissionError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        """Refuse deletion: the trail is append-only."""
        raise PermissionError("audit entries are append-only")


class AuditHead(models.Model):
    """A single row holding the newest hash; locking it serialises appends to the chain."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_hash = models.CharField(max_length=64)
    count = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"head {self.count}"
