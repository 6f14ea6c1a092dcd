"""Forms of the inbox: queue filters and the actions on an item."""

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import ItemKind, ItemStatus


class QueueFilterForm(forms.Form):
    """Filters and order of the moderation queue; the fields a saved filter keeps."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Words in the text or the sender's name; inflected forms are found too."),
    )
    channel = forms.TypedChoiceField(
        label=_("Channel"), required=False, coerce=int, empty_value=None
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All"))] + list(ItemKind.choices)
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Needs handling"))] + list(ItemStatus.choices),
    )
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[
            ("", _("Flagged by deadline, then newest")),
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("deadline", _("Only flagged, nearest deadline first")),
        ],
    )
    flagged = forms.BooleanField(label=_("Only flagged"), required=False)
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)

    def __init__(self, *args, channels=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["channel"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("All"))] + [(c.pk, c.name) for c in channels]

    def query_string(self) -> str:
        """The valid, non-default filters as a query string (what a saved filter stores)."""
        data = {
            name: ("1" if value is True else value)
            for name, value in self.cleaned_data.items()
            if value not in (None, "", False)
        }
        return urlencode(data)


class SavedFilterForm(forms.Form):
    """A name for the queue's current filters."""

    name = forms.CharField(label=_("Name of the filter"), max_length=80)


class AssignForm(forms.Form):
    """Whom to assign an item (or its whole thread) to."""

    person = forms.TypedChoiceField(label=_("Assign to"), coerce=int, empty_value=None)
    thread = forms.BooleanField(label=_("The whole thread"), required=False)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Nobody"))] + [(p.pk, p.name) for p in people]
        field.required = False


class ReplyForm(forms.Form):
    """A reply written in Tillit; the platform's limit and the signature rule are the service's.

    The field's own bound is far above any platform's, so an over-long reply reaches the
    service and comes back with the platform's limit and the text kept, never cut.
    """

    text = forms.CharField(
        label=_("Reply"),
        max_length=100_000,
        strip=False,
        error_messages={
            "required": _("The reply is empty. Write the reply first."),
            "max_length": _(
                "The reply is far longer than any platform allows (%(limit_value)d characters here)."
            ),
        },
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ActionForm(forms.Form):
    """A hide, unhide, delete, block or report with the reason for it."""

    reason = forms.CharField(
        label=_("Reason"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
