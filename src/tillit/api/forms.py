"""Forms for API keys and service accounts."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .scopes import Scope


class TokenForm(forms.Form):
    """A new key: what it is for, what it may do, how long it lives."""

    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the key is for, for example 'Diariet' or 'Statistik i Power BI'."),
        error_messages={"required": _("Give the key a name that says what it is for.")},
    )
    scopes = forms.MultipleChoiceField(
        label=_("May"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one scope.")},
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        initial=90,
        error_messages={
            "invalid": _("Write a whole number of days."),
            "min_value": _("A key lives at least one day."),
            "required": _("Write a whole number of days."),
        },
    )

    def __init__(self, *args, service_accounts=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The upper limit is the service's (token_issue), said in its words.
        self.fields["days"].widget.attrs["max"] = settings.TILLIT_API_TOKEN_MAX_DAYS
        if service_accounts is not None:
            self.fields["account"] = forms.ModelChoiceField(
                label=_("Service account"),
                queryset=service_accounts,
                empty_label=None,
                error_messages={"invalid_choice": _("Choose one of the service accounts.")},
            )
            self.order_fields(["account", "name", "scopes", "days"])


class ServiceAccountForm(forms.Form):
    """A service account: the other system, named as people will recognise it."""

    name = forms.CharField(
        label=_("System"),
        max_length=200,
        help_text=_("For example 'Diariesystemet Public 360'."),
        error_messages={"required": _("Name the system that will use the account.")},
    )
    function = forms.CharField(label=_("Used for"), max_length=200, required=False)
