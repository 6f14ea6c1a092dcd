"""Forms for channels, mandates, lifecycle steps and platform decisions; services do the checks."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from tillit.access.roles import MandateRole
from tillit.organisation.models import Department, Person

from .choices import PlatformDecision
from .models import Channel, Platform
from .services.saved_replies import TEXT_MAX, TITLE_MAX


class ChannelForm(forms.ModelForm):
    """The channel and its plan (R2); every plan field is required."""

    department = forms.ModelChoiceField(queryset=Department.objects.none(), label=_("Department"))
    url = forms.URLField(
        label=_("Address"),
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )

    class Meta:
        model = Channel
        fields = [
            "name",
            "platform",
            "url",
            "department",
            "purpose",
            "plan_why",
            "plan_goal",
            "plan_audience",
            "plan_outcome",
            "plan_operation",
            "signature_template",
            "post_approval",
            "reply_approval",
        ]
        widgets = {
            f: forms.Textarea(attrs={"rows": 3})
            for f in [
                "purpose",
                "plan_why",
                "plan_goal",
                "plan_audience",
                "plan_outcome",
                "plan_operation",
            ]
        }

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        # fields maps names to plain Fields; the model form made these two ModelChoiceFields.
        cast(forms.ModelChoiceField, self.fields["department"]).queryset = (
            departments if departments is not None else Department.objects.none()
        )
        cast(forms.ModelChoiceField, self.fields["platform"]).queryset = Platform.objects.exclude(
            decision=PlatformDecision.NOT_ALLOWED
        )
        if self.instance.pk:
            del self.fields["department"]
        # A form posted without the choice (an older page, a script) keeps what the channel has.
        self.fields["post_approval"].required = False

    def clean_post_approval(self):
        """The chosen approval rule, or the channel's own when none was sent."""
        return self.cleaned_data.get("post_approval") or self.instance.post_approval

    def validate_unique(self):
        """Uniqueness is the service's job, so the message is the same from every entry point."""


class MandateForm(forms.Form):
    """A mandate to grant (R6)."""

    person = forms.ModelChoiceField(
        queryset=Person.objects.filter(is_active=True), label=_("Person")
    )
    role = forms.ChoiceField(choices=MandateRole.choices, label=_("Role"))
    valid_from = forms.DateField(
        label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for a mandate that runs until it is revoked."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class StepForm(forms.Form):
    """A lifecycle step with an optional comment."""

    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PlatformDecisionForm(forms.Form):
    """The organisation's decision about a platform (R1)."""

    decision = forms.ChoiceField(choices=PlatformDecision.choices, label=_("Decision"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class SavedReplyForm(forms.Form):
    """A saved reply's title and text; the service trims and checks them."""

    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    text = forms.CharField(
        label=_("Text"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Without the signature: the channel's signature rule is added when sending."),
    )
