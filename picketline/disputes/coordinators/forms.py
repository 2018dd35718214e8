"""Forms for coordinators and moderators: a dispute, its parts (sites, strike actions, picket
shifts, sources) and invitations.

The JSON API builds the same forms from request bodies, so a rule holds for both. Model forms
are given a copy of the record: a form writes its values onto its instance while it
validates, and the services compare the record before and after to log what changed.
"""

import copy
import datetime as dt
import re
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from picketline.core.times import (
    TIMEZONE_CHOICES,
    LocalDateTimeField,
    local,
    localize,
)
from picketline.disputes.choices import ActionKind, Demand, Recurrence
from picketline.disputes.models import Dispute, PicketShift, Site, Source, StrikeAction

# A weekly picket shift has to end before the next week's starts.
MAX_SHIFT_LENGTH = dt.timedelta(days=7)
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def copy_of(instance):
    return copy.copy(instance)


class ModelFormWithoutConstraints(forms.ModelForm):
    """The services check database constraints on save; these forms say the same thing
    first, in words people understand, instead of naming the constraint."""

    def validate_constraints(self):
        pass


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DisputeForm(ModelFormWithoutConstraints):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    demands = forms.MultipleChoiceField(
        label=_("Demands"),
        choices=Demand.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
    )

    class Meta:
        model = Dispute
        fields = (
            "title",
            "kind",
            "status",
            "outcome",
            "sector",
            "workers_involved",
            "workers_approximate",
            "demands",
            "demands_other",
            "description",
            "language",
            "start_date",
            "end_date",
            "authorised",
            "sensitive",
            "solidarity_email",
            "verification",
        )
        widgets = {
            "start_date": _date_input(),
            "end_date": _date_input(),
            "demands_other": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "authorised": forms.NullBooleanSelect,
        }
        help_texts = {
            "language": _("A language code such as en, es, fr or ar."),
        }

    def __init__(self, *args, instance: Dispute, can_verify: bool = False, **kwargs):
        initial = kwargs.pop("initial", {})
        initial.setdefault("version", instance.version)
        if instance.pk:
            initial.setdefault("demands", sorted(d.demand for d in instance.demands.all()))
        super().__init__(*args, instance=copy_of(instance), initial=initial, **kwargs)
        if not can_verify:
            del self.fields["verification"]
        self.fields["workers_involved"].widget.attrs["inputmode"] = "numeric"

    def clean_language(self):
        language = self.cleaned_data["language"].strip()
        if not LANGUAGE_TAG.match(language):
            raise ValidationError(
                _("Use a language code such as en, es or pt-BR, not “%(value)s”."),
                params={"value": language},
            )
        return language

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return cleaned

    def service_fields(self) -> dict:
        """What `dispute_update` takes: every field but the version and the demands."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("version", "demands")
        }


class SiteForm(ModelFormWithoutConstraints):
    latitude = forms.FloatField(label=capfirst(_("latitude")), min_value=-90, max_value=90)
    longitude = forms.FloatField(label=capfirst(_("longitude")), min_value=-180, max_value=180)

    class Meta:
        model = Site
        fields = (
            "name",
            "address",
            "city",
            "region",
            "country",
            "latitude",
            "longitude",
            "precision",
            "timezone",
        )
        widgets = {"timezone": forms.Select(choices=TIMEZONE_CHOICES)}
        help_texts = {
            "country": _("Two letters, such as GB or ES."),
            "precision": _(
                "How exactly the point marks the place. Sites of a sensitive dispute are "
                "shown only approximately, whatever is chosen here."
            ),
        }

    def __init__(self, *args, instance: Site | None = None, **kwargs):
        super().__init__(*args, instance=copy_of(instance) if instance else None, **kwargs)
        for name in ("latitude", "longitude"):
            self.fields[name].widget.attrs.update(step="any", inputmode="decimal")

    def clean_country(self):
        code = self.cleaned_data["country"].strip().upper()
        if code and (len(code) != 2 or not code.isalpha()):
            raise ValidationError(
                _("Use a two-letter country code such as GB or ES, not “%(code)s”."),
                params={"code": code},
            )
        return code


class SourceForm(ModelFormWithoutConstraints):
    class Meta:
        model = Source
        fields = ("url", "kind", "title")
        labels = {"kind": _("Tier")}
        help_texts = {
            "kind": _(
                "Where it comes from: the union itself, the press, social media, or other. "
                "Union and press sources count most towards verification."
            ),
        }

    def __init__(self, *args, instance: Source | None = None, **kwargs):
        super().__init__(*args, instance=copy_of(instance) if instance else None, **kwargs)


# --- times on the local clock of a chosen zone ----------------------------------------------


class ZonedTimesForm(forms.Form):
    timezone = forms.CharField(
        label=capfirst(_("time zone")),
        max_length=64,
        widget=forms.Select(choices=TIMEZONE_CHOICES),
        help_text=_("The times above are on this zone's clock."),
    )
    starts_at = LocalDateTimeField(label=capfirst(_("starts")))
    ends_at = LocalDateTimeField(label=capfirst(_("ends")))

    def default_timezone(self, cleaned: dict) -> str:
        return ""

    def clean_timezone(self):
        name = self.cleaned_data["timezone"].strip()
        if name and name not in available_timezones():
            raise ValidationError(
                _("%(zone)s is not a time zone name."), params={"zone": name}, code="invalid"
            )
        return name

    def clean(self):
        cleaned = super().clean()
        zone = cleaned.get("timezone") or self.default_timezone(cleaned)
        if "timezone" in self.errors:
            return cleaned
        if not zone:
            self.add_error("timezone", _("Choose the time zone of the place."))
            return cleaned
        cleaned["timezone"] = zone
        for name in ("starts_at", "ends_at"):
            if cleaned.get(name) is not None:
                try:
                    cleaned[name] = localize(cleaned[name], zone)
                except ValidationError as error:
                    self.add_error(name, error)
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end must be after the start."))
        return cleaned


class StrikeActionForm(ZonedTimesForm):
    kind = forms.ChoiceField(
        label=capfirst(_("kind")), choices=ActionKind.choices, initial=ActionKind.STRIKE_DAY
    )
    note = forms.CharField(label=capfirst(_("note")), max_length=500, required=False)

    field_order = ("kind", "starts_at", "ends_at", "timezone", "note")

    def __init__(self, *args, dispute: Dispute, instance: StrikeAction | None = None, **kwargs):
        initial = kwargs.pop("initial", {})
        if instance is not None:
            initial = {
                "kind": instance.kind,
                "starts_at": local(instance.starts_at, instance.timezone),
                "ends_at": local(instance.ends_at, instance.timezone),
                "timezone": instance.timezone,
                "note": instance.note,
                **initial,
            }
        else:
            first_site = dispute.sites.order_by("id").first()
            initial.setdefault("timezone", first_site.timezone if first_site else "UTC")
        super().__init__(*args, initial=initial, **kwargs)

    def service_fields(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("kind", "starts_at", "ends_at", "timezone", "note")
        }


class SiteChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, site):
        place = ", ".join(part for part in (site.city, site.country) if part)
        if site.name and place:
            return f"{site.name} ({place})"
        return site.name or place or str(site.pk)


class PicketShiftForm(ZonedTimesForm):
    site = SiteChoiceField(label=capfirst(_("site")), queryset=Site.objects.none())
    notes = forms.CharField(label=capfirst(_("notes")), max_length=500, required=False)
    recurrence = forms.ChoiceField(
        label=capfirst(_("repeats")),
        choices=Recurrence.choices,
        initial=Recurrence.NONE,
        required=False,
    )
    repeat_until = forms.DateField(
        label=capfirst(_("repeat until")),
        required=False,
        widget=_date_input(),
        help_text=_("The last day of a weekly shift."),
    )
    capacity = forms.IntegerField(
        label=capfirst(_("people needed at most")),
        required=False,
        min_value=1,
        max_value=100_000,
        help_text=_("Sign-ups stop once this many people are coming. Leave empty for no limit."),
    )

    field_order = ("site", "starts_at", "ends_at", "timezone", "notes", "recurrence")

    def __init__(self, *args, dispute: Dispute, instance: PicketShift | None = None, **kwargs):
        initial = kwargs.pop("initial", {})
        if instance is not None:
            initial = {
                "site": instance.site_id,
                "starts_at": local(instance.starts_at, instance.timezone),
                "ends_at": local(instance.ends_at, instance.timezone),
                "timezone": instance.timezone,
                "notes": instance.notes,
                "recurrence": instance.recurrence,
                "repeat_until": instance.repeat_until,
                "capacity": instance.capacity,
                **initial,
            }
        super().__init__(*args, initial=initial, **kwargs)
        sites = dispute.sites.order_by("id")
        self.fields["site"].queryset = sites
        self.fields["timezone"].required = False
        self.fields["timezone"].help_text = _(
            "The times above are read on this zone's clock. Leave it empty to use the site's zone."
        )
        self.fields["timezone"].widget.choices = [("", "—"), *TIMEZONE_CHOICES]
        if instance is None and "site" not in initial:
            first = next(iter(sites), None)
            if first is not None:
                self.initial["site"] = first.pk

    def default_timezone(self, cleaned: dict) -> str:
        site = cleaned.get("site")
        return site.timezone if site is not None else ""

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends - starts > MAX_SHIFT_LENGTH:
            self.add_error("ends_at", _("A picket shift can last at most seven days."))
        recurrence = cleaned.get("recurrence") or Recurrence.NONE
        cleaned["recurrence"] = recurrence
        if recurrence == Recurrence.NONE:
            cleaned["repeat_until"] = None
        elif not cleaned.get("repeat_until"):
            if "repeat_until" not in self.errors:
                self.add_error("repeat_until", _("Say until when the shift repeats."))
        elif starts and cleaned.get("timezone"):
            first_day = starts.astimezone(ZoneInfo(cleaned["timezone"])).date()
            if cleaned["repeat_until"] < first_day:
                self.add_error("repeat_until", _("The last day cannot be before the first shift."))
        return cleaned

    def service_fields(self) -> dict:
        names = ("site", "starts_at", "ends_at", "timezone", "notes", "recurrence")
        return {
            **{n: self.cleaned_data[n] for n in names},
            "repeat_until": self.cleaned_data.get("repeat_until"),
            "capacity": self.cleaned_data.get("capacity"),
        }
