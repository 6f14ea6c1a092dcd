"""Forms of the inbox: queue filters and the actions on an item."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import ItemKind, ItemStatus


class QueueFilterForm(forms.Form):
    """Filters of the moderation queue."""

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
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("deadline", _("Flagged, nearest deadline first")),
        ],
    )

    def __init__(self, *args, channels=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["channel"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("All"))] + [(c.pk, c.name) for c in channels]


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
