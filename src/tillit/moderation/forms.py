"""The decision form shown with an item."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import DecisionKind


class DecisionForm(forms.Form):
    """A decision on an item: what, under which rule, and why."""

    kind = forms.ChoiceField(label=_("Decision"), choices=DecisionKind.choices)
    rule = forms.ChoiceField(label=_("Rule"), required=False)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    reply_text = forms.CharField(
        label=_("Reply text"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    block_reason = forms.CharField(
        label=_("Reason for blocking"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    review_on = forms.DateField(
        label=_("Review the block on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, rules=(), proposed=(), **kwargs):
        super().__init__(*args, **kwargs)
        # fields maps names to plain Fields; "rule" is the ChoiceField above.
        cast(forms.ChoiceField, self.fields["rule"]).choices = [("", _("No rule"))] + [
            (r.code, f"{r.code} – {r.title} ({r.get_tier_display()})") for r in rules
        ]
        if proposed:
            self.fields["rule"].initial = proposed[0]
            self.fields["kind"].initial = DecisionKind.HIDE


class BulkDecisionForm(forms.Form):
    """One decision for every selected item: keep, hide or delete, and the rule it cites."""

    kind = forms.ChoiceField(
        label=_("Decision"),
        choices=[(k, DecisionKind(k).label) for k in ("keep", "hide", "delete")],
    )
    rule = forms.ChoiceField(
        label=_("Rule"),
        required=False,
        widget=forms.Select(attrs={"aria-describedby": "bulk-rule-hint"}),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, rules=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["rule"]).choices = [("", _("No rule"))] + [
            (r.code, f"{r.code} – {r.title} ({r.get_tier_display()})") for r in rules
        ]
