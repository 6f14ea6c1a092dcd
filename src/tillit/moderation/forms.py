"""The decision form shown with an item."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import DecisionKind
from .services.bulk import BULK_KINDS
from .services.decisions import NOTE_MAX, REASON_MAX, REPLY_MAX

# Django fills in limit_value (and show_value) when the text is too long.
TOO_LONG = {
    "max_length": _(
        "At most %(limit_value)d characters fit and the text has %(show_value)d; shorten it "
        "(it is kept below)."
    )
}


def _rule_choices(rules) -> list[tuple[str, object]]:
    """The rule select's options: no rule, then the policy's rules with their tier."""
    return [("", _("No rule"))] + [
        (r.code, f"{r.code} – {r.title} ({r.get_tier_display()})") for r in rules
    ]


class DecisionForm(forms.Form):
    """A decision on an item: what, under which rule, and why."""

    kind = forms.ChoiceField(
        label=_("Decision"),
        choices=DecisionKind.choices,
        error_messages={
            "required": _("Choose a decision."),
            "invalid_choice": _("Choose one of the decisions in the list."),
        },
    )
    rule = forms.ChoiceField(
        label=_("Rule"),
        required=False,
        error_messages={"invalid_choice": _("The rule is not in the channel's policy.")},
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX,
        error_messages=TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reply_text = forms.CharField(
        label=_("Reply text"),
        required=False,
        max_length=REPLY_MAX,
        error_messages=TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    block_reason = forms.CharField(
        label=_("Reason for blocking"),
        required=False,
        max_length=REASON_MAX,
        error_messages=TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # The item's version when the page was opened: a stale form is refused (issue 11).
    seen_seq = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    supersede = forms.BooleanField(label=_("Replace the earlier decision"), required=False)
    supersede_reason = forms.CharField(
        label=_("Why the earlier decision is replaced"),
        required=False,
        max_length=REASON_MAX,
        error_messages=TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    review_on = forms.DateField(
        label=_("Review the block on"),
        required=False,
        error_messages={"invalid": _("Write the date as YYYY-MM-DD.")},
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, rules=(), proposed=(), **kwargs):
        super().__init__(*args, **kwargs)
        # fields maps names to plain Fields; "rule" is the ChoiceField above.
        cast(forms.ChoiceField, self.fields["rule"]).choices = _rule_choices(rules)
        if proposed:
            self.fields["rule"].initial = proposed[0]
            self.fields["kind"].initial = DecisionKind.HIDE


class BulkDecisionForm(forms.Form):
    """One decision for every selected item: keep, hide or delete, and the rule it cites."""

    kind = forms.ChoiceField(
        label=_("Decision"),
        choices=[(k.value, k.label) for k in BULK_KINDS],
    )
    rule = forms.ChoiceField(
        label=_("Rule"),
        required=False,
        widget=forms.Select(attrs={"aria-describedby": "bulk-rule-hint"}),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, rules=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["rule"]).choices = _rule_choices(rules)
