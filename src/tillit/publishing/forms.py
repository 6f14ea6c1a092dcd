"""Forms of publishing: the composer, a reviewer's verdict, an override, a check rule."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import RuleKind, Verdict
from .models import MAX_LINK, MAX_TEXT
from .services.images import MAX_ALT


class DateTimeLocal(forms.DateTimeInput):
    """The browser's own date and time picker (keyboard and screen reader friendly)."""

    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class PostForm(forms.Form):
    """What the author writes. Server-side limits are checked per channel by the service."""

    channels = forms.TypedMultipleChoiceField(
        label=_("Channels"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Active channels where you hold a mandate."),
    )
    text = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=MAX_TEXT,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "data-composer-text": ""}),
        help_text=_(
            "The channel's signature is added on its own last line where the channel asks for one."
        ),
    )
    link = forms.CharField(
        label=_("Link"),
        required=False,
        max_length=MAX_LINK,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    scheduled_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        widget=DateTimeLocal(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Leave empty to publish as soon as it is approved."),
    )
    image = forms.FileField(
        label=_("Add an image"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}
        ),
        help_text=_("JPEG, PNG, GIF or WebP. Location and camera data are removed."),
    )
    image_alt = forms.CharField(
        label=_("Alt text of the new image"),
        required=False,
        max_length=MAX_ALT,
        help_text=_("Describe what the image shows, for people who cannot see it."),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, channels=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["channels"]).choices = [
            (c.pk, f"{c.name} ({c.platform.name})") for c in channels
        ]


class ReviewForm(forms.Form):
    """An approver's verdict on the version they read."""

    verdict = forms.ChoiceField(
        label=_("Decision"), choices=Verdict.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment to the author"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you send the post back or reject it."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class OverrideForm(forms.Form):
    """An exception to the check, with its reason."""

    reason = forms.CharField(
        label=_("Why may the post go out anyway?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the post and in the audit trail."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class RescheduleForm(forms.Form):
    """A new time for a post, or another day at the same time."""

    scheduled_at = forms.DateTimeField(
        label=_("New time"),
        required=False,
        widget=DateTimeLocal(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class MoveDayForm(forms.Form):
    """Another day, the same time of day (the calendar's move)."""

    day = forms.DateField(
        label=_("Move to another day (same time)"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class RuleForm(forms.Form):
    """One of the organisation's check rules."""

    kind = forms.ChoiceField(label=_("Kind"), choices=RuleKind.choices)
    value = forms.CharField(label=_("Value"), max_length=300)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=200,
        help_text=_("Shown beside a finding, e.g. “Case number of social services”."),
    )
