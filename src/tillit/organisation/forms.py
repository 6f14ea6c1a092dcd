"""Forms for the organisation administrator: settings, people and roles."""

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from tillit.access.roles import Role

from .models import Department, Organisation


class OrganisationForm(forms.ModelForm):
    """The organisation's settings (the guideline's values are the demo's defaults)."""

    website = forms.URLField(label=_("website"), assume_scheme="https")
    link_collection_url = forms.URLField(label=_("link collection address"), assume_scheme="https")
    privacy_notice_url = forms.URLField(label=_("privacy notice address"), assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "name",
            "org_number",
            "website",
            "link_collection_url",
            "sender_statement",
            "privacy_notice_url",
            "comment_policy_text",
            "records_contact",
            "accessibility_contact",
            "dormant_after_days",
        ]
        widgets = {
            f: forms.Textarea(attrs={"rows": 4})
            for f in ["sender_statement", "comment_policy_text", "records_contact"]
        }


class PersonForm(forms.Form):
    """A new person and their login."""

    username = forms.CharField(
        label=_("Username"), max_length=150, validators=[UnicodeUsernameValidator()]
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    function = forms.CharField(label=_("Function"), max_length=200, required=False)
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.all(), required=False
    )


class RoleForm(forms.Form):
    """A role to give a person."""

    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.all(),
        required=False,
        help_text=_("Needed for managers and communications officers."),
    )
