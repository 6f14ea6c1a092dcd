"""The report's choice: what it covers and the period."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tillit.core.messages import shown_text

from .periods import Period, PeriodError, last_month, period_checked
from .scopes import scope_choices

FORMATS = (("pdf", "PDF"), ("csv", "CSV"))


class ReportForm(forms.Form):
    """Scope and period; the period is checked (order, future, length) with Swedish reasons."""

    # Django's own message would repeat the code asked for ("org"); a person sees the list.
    scope = forms.ChoiceField(
        label=_("Report on"),
        error_messages={"invalid_choice": _("Choose what to report on from the list.")},
    )
    start = forms.DateField(
        label=_("From (first day)"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(label=_("To (last day)"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data=None, *, actor, **kwargs):
        month = last_month()
        super().__init__(data, initial={"start": month.start, "end": month.end}, **kwargs)
        field = self.fields["scope"]
        assert isinstance(field, forms.ChoiceField)
        self.choices = scope_choices(actor)
        field.choices = self.choices
        if self.choices:
            field.initial = self.choices[0][0]
        self.period: Period | None = None
        self.notes: list = []

    def clean(self):
        data = super().clean() or {}
        if data.get("start") and data.get("end"):
            try:
                self.period, self.notes = period_checked(data["start"], data["end"])
            except PeriodError as exc:
                self.add_error("end", shown_text(exc.message, html=False))
        return data
