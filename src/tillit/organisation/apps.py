"""App config for the organisation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    """Organisation app."""

    name = "tillit.organisation"
    label = "organisation"
    verbose_name = _("Organisation")
