"""The form for a channel's platform connection, built from the connector's declared parameters."""

from django import forms
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from tillit.connectors.registry import all_connectors


def _translated(msgid: str):
    """A connector's English text (a catalogue msgid) in the reader's language."""
    return gettext_lazy(msgid) if msgid else ""


class ConnectorChoiceForm(forms.Form):
    """Which connector the channel uses."""

    connector = forms.ChoiceField(label=_("Connector"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["connector"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (slug, gettext_lazy(cls.label)) for slug, cls in sorted(all_connectors().items())
        ]


class ConnectionForm(forms.Form):
    """One field per connector parameter; secrets are never shown again once stored."""

    polling_enabled = forms.BooleanField(
        label=_("Poll the platform"),
        required=False,
        initial=True,
        help_text=_("Off for accounts that only push through webhooks."),
    )

    def __init__(self, *args, connector_cls, stored: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        stored = stored or {}
        self.connector_cls = connector_cls
        for param in connector_cls.parameters:
            if param.secret:
                help_text = (
                    _("Stored. Leave empty to keep it; type a new value to replace it.")
                    if stored.get(param.name)
                    else _translated(param.help)
                )
                field = forms.CharField(
                    label=_translated(param.label),
                    help_text=help_text,
                    max_length=4000,
                    # A stored secret may be left empty; a missing one must be typed.
                    required=param.required and not stored.get(param.name),
                    widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
                )
            else:
                field = forms.CharField(
                    label=_translated(param.label),
                    required=param.required,
                    help_text=_translated(param.help),
                    max_length=1000,
                    initial=stored.get(param.name, param.default or ""),
                )
            self.fields[f"p_{param.name}"] = field

    def config(self) -> dict[str, str]:
        """The typed parameters; connection_set keeps stored secrets left empty (same host)."""
        config = {}
        for param in self.connector_cls.parameters:
            value = (self.cleaned_data.get(f"p_{param.name}") or "").strip()
            if value:
                config[param.name] = value
        return config
