"""Forms of retention."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tillit.organisation.models import Committee

from .choices import ContentClass


class RuleForm(forms.Form):
    """A committee's disposal decision."""

    reference = forms.CharField(label=_("Decision reference"), max_length=100)
    decided_on = forms.DateField(
        label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    committee = forms.ModelChoiceField(label=_("Committee"), queryset=Committee.objects.all())
    content_class = forms.ChoiceField(label=_("Class of content"), choices=ContentClass.choices)
    period_days = forms.IntegerField(
        label=_("Kept for (days)"),
        min_value=0,
        required=False,
        help_text=_("Empty means 'vid inaktualitet': a person confirms each batch."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class BatchForm(forms.Form):
    """Propose a batch for a "vid inaktualitet" decision."""

    received_before = forms.DateField(
        label=_("Received before"), widget=forms.DateInput(attrs={"type": "date"})
    )
