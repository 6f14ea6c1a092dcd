"""The public form for reporting an accessibility problem."""

from django import forms
from django.utils.translation import gettext_lazy as _


class AccessibilityReportForm(forms.Form):
    """A problem report: where, what, and optionally how to reply."""

    page = forms.CharField(label=_("Which page or channel?"), max_length=300)
    description = forms.CharField(
        label=_("Describe the problem"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    contact = forms.CharField(
        label=_("Your e-mail or phone (optional)"),
        max_length=200,
        required=False,
        help_text=_("Only if you want an answer."),
    )
