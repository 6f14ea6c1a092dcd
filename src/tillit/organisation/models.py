"""The organisation's settings, committees (nämnder), departments (förvaltningar), people, roles."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tillit.access.queryset import RestrictedQuerySet
from tillit.access.roles import Role
from tillit.core.models import TimeStamped


class Organisation(TimeStamped):
    """The public organisation that runs the channels; one per installation."""

    name = models.CharField(_("name"), max_length=200)
    org_number = models.CharField(_("organisation number"), max_length=20, blank=True)
    website = models.URLField(_("website"))
    link_collection_url = models.URLField(
        _("link collection address"),
        help_text=_("The page on the website that lists all official channels."),
    )
    sender_statement = models.TextField(
        _("sender statement"),
        help_text=_("Shown on every channel: who stands behind it."),
    )
    privacy_notice_url = models.URLField(_("privacy notice address"))
    comment_policy_text = models.TextField(
        _("comment policy"), help_text=_("The published rules for comments on the channels.")
    )
    records_contact = models.TextField(
        _("where to ask for documents"),
        blank=True,
        help_text=_("How the public asks for the channels' official documents."),
    )
    accessibility_contact = models.EmailField(_("accessibility contact e-mail"), blank=True)
    dormant_after_days = models.PositiveIntegerField(
        _("dormant after (days)"),
        default=60,
        help_text=_("An active channel with no posts or replies for this long is flagged (R8)."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Committee(TimeStamped):
    """A committee (nämnd): its own authority and archive creator."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="committee_unique_name")
        ]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self) -> str:
        return self.name


class Department(TimeStamped):
    """A department (förvaltning) under a committee; channels belong to one."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="departments")
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


class Person(TimeStamped):
    """A person in the organisation, linked to a login account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="person"
    )
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(
        _("function"), max_length=200, blank=True, help_text=_("Shown when the person speaks.")
    )
    email = models.EmailField(_("e-mail"))
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="people"
    )
    is_active = models.BooleanField(_("active"), default=True)
    # When the last invitation to set a password was sent (tillit.organisation.invitations).
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    # Another system acting through API tokens (tillit.api); it can never sign in: no
    # password, no invitation, no identity-provider match.
    is_service = models.BooleanField(_("service account"), default=False)
    # The monthly follow-up report e-mailed to managers (R23): wanted unless turned off, and
    # the month it was last sent for, so two workers never send it twice.
    monthly_report = models.BooleanField(_("send me the monthly follow-up report"), default=True)
    monthly_report_sent_for = models.DateField(null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name


class RoleAssignment(TimeStamped):
    """A role held by a person, scoped to a department where the role needs one."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="role_holders"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "role", "department"], name="role_assignment_unique"
            ),
            models.UniqueConstraint(
                fields=["person", "role"],
                condition=models.Q(department__isnull=True),
                name="role_assignment_unique_orgwide",
            ),
        ]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}"


class Notice(models.Model):
    """An in-app notice to one person; the same event also goes out by e-mail."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notices")
    created_at = models.DateTimeField(auto_now_add=True)
    subject = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["person", "read_at"])]

    def __str__(self) -> str:
        return self.subject
