"""The audit trail's filters (who, what, object, period) and its page positions."""

import re
from datetime import date, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from .audit_labels import (
    ACTION_LABELS,
    OBJECT_TYPE_LABELS,
    action_choices,
    action_label,
    object_type_choices,
    object_type_label,
    system_actor_choices,
)
from .periods import day_start
from .selectors_audit import AuditFilters

#: Dates outside these make no sense for Tillit's trail (and would overflow the date type).
FIRST_DATE = date(2000, 1, 1)
LAST_DATE = date(9998, 12, 31)
PERSON = "person:"
#: What an action code or object kind looks like (at most the trail's column width).
CODE = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)*", re.ASCII)
SYSTEM = "system:"


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={"invalid": _("Write the date as year-month-day, for example 2026-03-31.")},
    )


class AuditFilterForm(forms.Form):
    """What part of the trail to show or export; every filter narrows in the database."""

    who = forms.ChoiceField(label=_("Who"), required=False)
    who_text = forms.CharField(
        label=_("Or a name containing"),
        required=False,
        max_length=200,
        help_text=_("As the name was recorded, also for someone no longer in the list."),
    )
    action = forms.ChoiceField(label=_("What"), required=False)
    object_type = forms.ChoiceField(label=_("Kind of object"), required=False)
    object_id = forms.CharField(
        label=_("Object id"),
        required=False,
        max_length=64,
        help_text=_("The number in the object column; choose the kind of object too."),
    )
    date_from = _date_field(_("From date"))
    date_to = _date_field(_("To date (inclusive)"))

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._set_choices("who", [("", _("Anyone"))] + self._who_choices(people))
        self._set_choices(
            "action",
            [("", _("Everything"))] + self._given("action", action_label) + action_choices(),
        )
        self._set_choices(
            "object_type",
            [("", _("Any kind"))]
            + self._given("object_type", object_type_label)
            + object_type_choices(),
        )

    def _given(self, name: str, label) -> list[tuple[str, str]]:
        """A code the trail holds but the labels do not know (an older or newer version's),
        as a choice of its own, so its entries can still be picked (the history links of
        such objects lead here)."""
        value = self.data.get(name, "") if self.is_bound else ""
        known = ACTION_LABELS if name == "action" else OBJECT_TYPE_LABELS
        fits = isinstance(value, str) and len(value) <= 100 and CODE.fullmatch(value)
        if fits and value not in known:
            return [(value, label(value))]
        return []

    def _set_choices(self, name: str, choices: list) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    @staticmethod
    def _who_choices(people) -> list:
        groups: list = []
        if people:
            groups.append((_("People"), [(f"{PERSON}{pk}", name) for pk, name in people]))
        groups.append(
            (_("Automatic"), [(f"{SYSTEM}{name}", label) for name, label in system_actor_choices()])
        )
        return groups

    def _clean_date(self, name: str) -> date | None:
        value = self.cleaned_data.get(name)
        if value is not None and not FIRST_DATE <= value <= LAST_DATE:
            raise forms.ValidationError(
                _("Give a date between %(first)s and %(last)s."),
                params={"first": FIRST_DATE.isoformat(), "last": LAST_DATE.isoformat()},
            )
        return value

    def clean_date_from(self) -> date | None:
        return self._clean_date("date_from")

    def clean_date_to(self) -> date | None:
        return self._clean_date("date_to")

    def clean_who_text(self) -> str:
        return " ".join(self.cleaned_data.get("who_text", "").split())

    def clean_object_id(self) -> str:
        return self.cleaned_data.get("object_id", "").strip()

    def clean(self):
        super().clean()
        data = self.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error(
                "date_to",
                _("The period ends before it starts: choose a to date on or after the from date."),
            )
        # The object index is on (kind, id): an id alone would read the whole trail.
        if data.get("object_id") and not data.get("object_type"):
            self.add_error("object_type", _("Choose the kind of object the id belongs to."))
        return data

    def filters(self) -> AuditFilters:
        """The valid filters, the period as local midnights (the end is exclusive)."""
        if not self.is_bound:
            return AuditFilters()
        data = self.cleaned_data
        who = data.get("who") or ""
        start, end = data.get("date_from"), data.get("date_to")
        return AuditFilters(
            person_id=int(who.removeprefix(PERSON)) if who.startswith(PERSON) else None,
            system_actor=who.removeprefix(SYSTEM) if who.startswith(SYSTEM) else "",
            name_contains=data.get("who_text") or "",
            action=data.get("action") or "",
            object_type=data.get("object_type") or "",
            object_id=data.get("object_id") or "",
            start=day_start(start) if start else None,
            end=day_start(end + timedelta(days=1)) if end else None,
        )

    def recorded(self) -> dict[str, str]:
        """The filters as given, for the export's own audit entry and for links."""
        if not self.is_bound:
            return {}
        return {
            name: value.isoformat() if isinstance(value, date) else str(value)
            for name, value in self.cleaned_data.items()
            if value not in (None, "")
        }


class AuditPositionForm(forms.Form):
    """Where a page of the trail starts: entries before or after a sequence number."""

    before = forms.IntegerField(required=False, min_value=1, max_value=2**62)
    after = forms.IntegerField(required=False, min_value=0, max_value=2**62)

    def position(self) -> tuple[int | None, int | None]:
        """(before, after) for the selectors; a position that is not a number is ignored."""
        if not self.is_valid():
            return None, None
        data = self.cleaned_data
        if data.get("after") is not None:
            return None, data["after"]
        return data.get("before"), None
