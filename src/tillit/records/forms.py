"""Forms of records: registration decisions, reference numbers, searches, requests and masks."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from tillit.inbox.choices import ItemKind

from .choices import ErasureOutcome, PersonalDataKind

if TYPE_CHECKING:
    from tillit.channels.models import Channel

    from .models import Case


class RegisterForm(forms.Form):
    """Register a message into a new or an existing case."""

    subject = forms.CharField(label=_("Subject"), max_length=300)
    case: forms.ModelChoiceField[Case] = forms.ModelChoiceField(
        label=_("Existing case"), queryset=None, required=False, empty_label=_("New case")
    )
    new_case_title = forms.CharField(
        label=_("Title of the new case"), max_length=300, required=False
    )
    secret = forms.BooleanField(label=_("Secret: withhold sender and subject"), required=False)
    secrecy_ground = forms.CharField(
        label=_("Secrecy ground"),
        max_length=200,
        required=False,
        help_text=_("OSL chapter and section."),
    )

    def __init__(self, *args, cases=None, **kwargs):
        super().__init__(*args, **kwargs)
        # fields maps names to plain Fields; this one is the ModelChoiceField above.
        cast(forms.ModelChoiceField, self.fields["case"]).queryset = cases


class LittleImportanceForm(forms.Form):
    """Mark a message of obviously little importance."""

    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("OSL 5 kap. 1 § fourth paragraph."),
    )


class ReferenceForm(forms.Form):
    """The registration number from the records system."""

    reference = forms.CharField(label=_("Registration number"), max_length=100)


class SecretForm(forms.Form):
    """Mark a registration secret."""

    secrecy_ground = forms.CharField(label=_("Secrecy ground"), max_length=200)


class SearchForm(forms.Form):
    """Find documents by channel, date, author, kind and text."""

    channel: forms.ModelChoiceField[Channel] = forms.ModelChoiceField(
        label=_("Channel"), queryset=None, required=False, empty_label=_("All")
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    author = forms.CharField(label=_("Author as displayed"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All")), *ItemKind.choices], required=False
    )
    text = forms.CharField(
        label=_("Text (Swedish full-text search)"), max_length=300, required=False
    )

    def __init__(self, *args, channels=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["channel"]).queryset = channels

    def filters(self) -> dict:
        """The cleaned filters for the selectors."""
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {
            "channel_id": d["channel"].pk if d.get("channel") else None,
            "date_from": d.get("date_from"),
            "date_to": d.get("date_to"),
            "author": d.get("author", ""),
            "kind": d.get("kind", ""),
            "text": d.get("text", ""),
        }


class AccessRequestForm(forms.Form):
    """Open an access request."""

    description = forms.CharField(
        label=_("What is asked for"), widget=forms.Textarea(attrs={"rows": 3})
    )
    requester = forms.CharField(
        label=_("Requester"),
        max_length=300,
        required=False,
        help_text=_("May be left empty: anyone may ask anonymously."),
    )


class MaskForm(forms.Form):
    """Mask a phrase in an item's text."""

    phrase = forms.CharField(label=_("Text to mask"), max_length=2000)
    ground = forms.CharField(
        label=_("Legal ground"), max_length=200, help_text=_("For example OSL 26 kap. 1 §.")
    )


class GroundForm(forms.Form):
    """Withhold a whole item or attachment."""

    ground = forms.CharField(label=_("Legal ground"), max_length=200)


class CloseForm(forms.Form):
    """Close an access request."""

    outcome_note = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 2}))


class PersonalRequestForm(forms.Form):
    """Record a data subject's request."""

    kind = forms.ChoiceField(label=_("Request"), choices=PersonalDataKind.choices)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ErasureDecisionForm(forms.Form):
    """Decide an erasure request."""

    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ErasureOutcome.REFUSED, ErasureOutcome.REFUSED.label),
            (ErasureOutcome.GRANTED, ErasureOutcome.GRANTED.label),
        ],
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
