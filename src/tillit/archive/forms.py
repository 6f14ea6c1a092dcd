"""Forms of the archive; the services do the checks."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import PackageFormat


class CaptureRequestForm(forms.Form):
    """Capture the page now, before a big change, saying which."""

    note = forms.CharField(
        label=_("Which change is coming?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Saved with the capture, e.g. 'Before the new page design'."),
    )


class ScheduleForm(forms.Form):
    """How often the page is captured."""

    interval_days = forms.IntegerField(
        label=_("Capture every (days)"),
        min_value=1,
        max_value=3660,
        help_text=_("182 days is every six months, the guideline's default."),
    )


class ExportForm(forms.Form):
    """Which kind of archival package to build."""

    format = forms.ChoiceField(label=_("Package format"), choices=PackageFormat.choices)
