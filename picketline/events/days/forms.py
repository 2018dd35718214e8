"""Forms for calling a day of action and for hosting a local event on it.

The host form is public: no account is needed, so it carries the honeypot, asks for an email
that stays private, and turns the town into a point and a time zone through the gazetteer.
"""

import datetime as dt
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import Resolver404, resolve
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from picketline.core.forms import HoneypotForm
from picketline.core.i18n import current_language
from picketline.core.text import plain_text
from picketline.disputes.models import Dispute, validate_timezone
from picketline.events.choices import EventMode
from picketline.events.days.models import DayOfAction
from picketline.places.selectors import CITY, locality_geocode

# A call for a week of action is common; a longer one is a campaign, not a day of action.
MAX_DAYS = 31
MAX_LINKED_DISPUTES = 20


def _languages():
    return settings.LANGUAGES


def _required_text(form: forms.Form, name: str) -> str:
    """The field's text as plain text, refused when nothing but markup or spaces was given."""
    value = plain_text(form.cleaned_data[name])
    if not value and form.fields[name].required:
        raise ValidationError(form.fields[name].error_messages["required"], code="required")
    return value


# --- linked disputes ------------------------------------------------------------------------


def dispute_from_reference(text: str) -> Dispute | None:
    """A dispute named by its slug or by the address of its page on this site."""
    slug = text.strip()
    if "/" in slug:
        try:
            match = resolve(unquote(urlsplit(slug).path))
        except Resolver404:
            return None
        if match.view_name != "disputes:detail":
            return None
        slug = match.kwargs["slug"]
    return Dispute.objects.filter(slug=slug).first() if slug else None


class DisputesField(forms.CharField):
    """Disputes by slug or address, separated by commas or new lines."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 4000)
        super().__init__(**kwargs)

    def clean(self, value) -> list[Dispute]:
        text = super().clean(value) or ""
        references = [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]
        if len(references) > MAX_LINKED_DISPUTES:
            raise ValidationError(
                _("Link at most %(limit)d disputes.") % {"limit": MAX_LINKED_DISPUTES}
            )
        disputes, unknown = [], []
        for reference in references:
            dispute = dispute_from_reference(reference)
            if dispute is None:
                unknown.append(reference)
            elif dispute not in disputes:
                disputes.append(dispute)
        if unknown:
            raise ValidationError(
                _(
                    "No dispute on this site is at %(references)s. Paste the address of the "
                    "dispute's page, or the last part of it."
                )
                % {"references": ", ".join(f"“{reference}”" for reference in unknown)}
            )
        return disputes

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(d.slug if isinstance(d, Dispute) else str(d) for d in value)
        return value


# --- calling a day of action ----------------------------------------------------------------


class DayOfActionForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    call = forms.CharField(
        label=gettext_lazy("The call"),
        max_length=10000,
        help_text=gettext_lazy("Why people should act, and what you ask them to do."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the call"), choices=_languages, initial=current_language
    )
    starts_on = forms.DateField(
        label=gettext_lazy("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=gettext_lazy("Last day"),
        required=False,
        help_text=gettext_lazy("Leave empty for a single day."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    demands = forms.CharField(
        label=gettext_lazy("Demands"),
        max_length=4000,
        required=False,
        help_text=gettext_lazy("One demand per line."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    disputes = DisputesField(
        label=gettext_lazy("Disputes it supports"),
        help_text=gettext_lazy(
            "The addresses of their pages on this site, or the last part of them, separated "
            "by commas."
        ),
    )
    organisation = forms.ChoiceField(
        label=gettext_lazy("Called by"),
        required=False,
        help_text=gettext_lazy("An organisation you hold the account of."),
    )
    organiser_name = forms.CharField(
        label=gettext_lazy("Or the name of the organiser"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("A group, a network or a person, as it should be shown."),
    )

    def __init__(self, *args, user, day: DayOfAction | None = None, **kwargs):
        self.day = day
        self.organisations = {
            str(organisation.pk): organisation
            for organisation in user.coordinated_organisations.order_by("name")
        }
        if day is not None and day.organisation_id:
            self.organisations.setdefault(str(day.organisation_id), day.organisation)
        if day is not None and "initial" not in kwargs:
            kwargs["initial"] = _day_initial(day)
        super().__init__(*args, **kwargs)
        choices = [(pk, org.name) for pk, org in self.organisations.items()]
        self.fields["organisation"].choices = [("", _("None: use the name below")), *choices]
        if not choices:
            del self.fields["organisation"]
            self.fields["organiser_name"].label = gettext_lazy("Organiser")
            self.fields["organiser_name"].required = True

    def clean_title(self):
        return _required_text(self, "title")

    def clean_call(self):
        return self.cleaned_data["call"].strip()

    def clean_organiser_name(self):
        return plain_text(self.cleaned_data["organiser_name"])

    def clean_demands(self):
        lines = [plain_text(line) for line in self.cleaned_data["demands"].splitlines()]
        return "\n".join(line for line in lines if line)

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and not ends_on and "ends_on" not in self.errors:
            cleaned["ends_on"] = ends_on = starts_on
        if starts_on and ends_on:
            self._check_dates(starts_on, ends_on)
        if (
            "organiser_name" not in self.errors
            and not cleaned.get("organisation")
            and not cleaned.get("organiser_name")
        ):
            self.add_error(
                "organiser_name",
                _("Say who calls the day of action: choose an organisation or give a name."),
            )
        return cleaned

    def _check_dates(self, starts_on: dt.date, ends_on: dt.date) -> None:
        if ends_on < starts_on:
            self.add_error("ends_on", _("The last day is before the first day."))
        elif (ends_on - starts_on).days >= MAX_DAYS:
            self.add_error(
                "ends_on",
                _("A day of action lasts at most %(count)d days.") % {"count": MAX_DAYS},
            )
        changed = self.day is None or ends_on != self.day.ends_on
        if changed and ends_on < timezone.localdate():
            self.add_error("ends_on", _("This date has already passed."))

    def service_fields(self) -> dict:
        data = self.cleaned_data
        organisation = self.organisations.get(data.get("organisation") or "")
        return {
            "title": data["title"],
            "call": data["call"],
            "language": data["language"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "demands": data["demands"],
            "organisation": organisation,
            "organiser_name": data["organiser_name"],
            "disputes": data["disputes"],
        }


def _day_initial(day: DayOfAction) -> dict:
    return {
        "title": day.title,
        "call": day.call,
        "language": day.language,
        "starts_on": day.starts_on,
        "ends_on": day.ends_on,
        "demands": day.demands,
        "disputes": list(day.disputes.order_by("title")),
        "organisation": str(day.organisation_id or ""),
        "organiser_name": day.organiser_name,
    }


# --- hosting a local event ------------------------------------------------------------------


class HostEventForm(HoneypotForm):
    """A local event for a day of action, sent by anyone; it waits for a moderator."""

    refused_message = gettext_lazy("Your event could not be sent. Please try again later.")

    title = forms.CharField(
        label=gettext_lazy("Name of your event"),
        max_length=200,
        help_text=gettext_lazy("For example “Rally at the town hall” or “Online teach-in”."),
    )
    description = forms.CharField(
        label=gettext_lazy("What will happen"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the event"), choices=_languages, initial=current_language
    )
    date = forms.DateField(
        label=gettext_lazy("Day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    start_time = forms.TimeField(
        label=gettext_lazy("Starts at"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label=gettext_lazy("Ends at"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    timezone = forms.CharField(
        label=gettext_lazy("Time zone"),
        max_length=64,
        required=False,
        help_text=gettext_lazy(
            "Local time where the event is, for example Europe/Madrid or America/Chicago. "
            "Leave empty to take it from the town."
        ),
        widget=forms.TextInput(attrs={"list": "timezones", "autocomplete": "off"}),
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("How people take part"),
        choices=EventMode.choices,
        initial=EventMode.IN_PERSON,
        widget=forms.RadioSelect,
    )
    venue = forms.CharField(
        label=gettext_lazy("Venue"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("For example “Outside the main gate” or “Trades Hall”."),
    )
    address = forms.CharField(label=gettext_lazy("Address"), max_length=300, required=False)
    town = forms.CharField(
        label=gettext_lazy("Town or city"),
        max_length=120,
        required=False,
        help_text=gettext_lazy(
            "Add the country after a comma if the name is common: “Valencia, Spain”."
        ),
    )
    country = forms.CharField(
        label=gettext_lazy("Country code"),
        max_length=2,
        required=False,
        help_text=gettext_lazy("Two letters, such as GB or MX. Optional."),
    )
    join_url = forms.URLField(
        label=gettext_lazy("Link to join online"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("Shown only to people whose place is confirmed."),
    )
    capacity = forms.IntegerField(
        label=pgettext_lazy("event seats", "Places"),
        min_value=1,
        max_value=1_000_000,
        required=False,
        help_text=gettext_lazy(
            "Leave empty for no limit. Past the limit, people join a waiting list."
        ),
    )
    organiser_name = forms.CharField(
        label=gettext_lazy("Organised by"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Shown on the event. Leave empty to show your name."),
    )
    host_name = forms.CharField(label=gettext_lazy("Your name"), max_length=100)
    host_email = forms.EmailField(
        label=gettext_lazy("Your email"),
        max_length=254,
        help_text=gettext_lazy(
            "Used only to let you manage the event and its RSVPs, and for a moderator's "
            "questions. Never shown."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=gettext_lazy("I will host this event, and moderators may write to me about it."),
    )

    def __init__(self, *args, day: DayOfAction, user=None, **kwargs):
        self.day = day
        self.user = user if user is not None and user.is_authenticated else None
        super().__init__(*args, **kwargs)
        date_field = self.fields["date"]
        date_field.widget.attrs.update(
            {"min": day.starts_on.isoformat(), "max": day.ends_on.isoformat()}
        )
        if day.starts_on == day.ends_on:
            date_field.initial = day.starts_on
        if self.user is not None:
            self.fields["host_email"].required = False
            self.fields["host_email"].initial = self.user.email
            self.fields["host_name"].initial = self.user.get_full_name() or self.user.get_username()
        self.geocoded = None

    def clean_title(self):
        return _required_text(self, "title")

    def clean_description(self):
        return self.cleaned_data["description"].strip()

    def clean_host_name(self):
        return _required_text(self, "host_name")

    def clean_organiser_name(self):
        return plain_text(self.cleaned_data["organiser_name"])

    def clean_venue(self):
        return plain_text(self.cleaned_data["venue"])

    def clean_address(self):
        return plain_text(self.cleaned_data["address"])

    def clean_country(self):
        code = self.cleaned_data["country"].strip().upper()
        if code and (len(code) != 2 or not code.isalpha()):
            raise ValidationError(_("Give a two-letter country code, such as GB or MX."))
        return code

    def clean_timezone(self):
        name = self.cleaned_data["timezone"].strip()
        if name:
            validate_timezone(name)
        return name

    def clean_date(self):
        date = self.cleaned_data["date"]
        if not self.day.starts_on <= date <= self.day.ends_on:
            raise ValidationError(self._dates_message())
        return date

    def _dates_message(self) -> str:
        day = self.day
        if day.starts_on == day.ends_on:
            return _("The day of action is on %(date)s: choose that day.") % {
                "date": _date(day.starts_on)
            }
        return _("Choose a day from %(first)s to %(last)s, the dates of the day of action.") % {
            "first": _date(day.starts_on),
            "last": _date(day.ends_on),
        }

    def clean(self):
        cleaned = super().clean()
        mode = cleaned.get("mode")
        if mode and mode != EventMode.ONLINE:
            self._locate(cleaned)
        elif mode == EventMode.ONLINE:
            for name in ("venue", "address", "town"):
                cleaned[name] = ""
        needs_link = mode in (EventMode.ONLINE, EventMode.HYBRID)
        if needs_link and not cleaned.get("join_url") and "join_url" not in self.errors:
            self.add_error(
                "join_url",
                _("Give the link people use to join online; only confirmed people see it."),
            )
        if mode == EventMode.IN_PERSON:
            cleaned["join_url"] = ""
        self._zone(cleaned)
        if all(cleaned.get(name) for name in ("date", "start_time", "end_time")):
            self._times(cleaned)
        return cleaned

    def _locate(self, cleaned: dict) -> None:
        """The town as a gazetteer place: its point, country and time zone."""
        town = plain_text(cleaned.get("town", ""))
        if not town:
            self.add_error("town", _("Give the town or city where the event happens."))
            return
        geocoded = locality_geocode(text=town, country=cleaned.get("country", ""))
        if geocoded is None or geocoded.precision != CITY:
            self.add_error(
                "town",
                _(
                    "We could not find “%(town)s”. Check the spelling, or add the country after "
                    "a comma (“Valencia, Spain”)."
                )
                % {"town": town},
            )
            return
        self.geocoded = geocoded
        cleaned["town"] = geocoded.city
        cleaned["country"] = geocoded.country

    def _zone(self, cleaned: dict) -> None:
        if "timezone" in self.errors:
            return
        if not cleaned.get("timezone"):
            found = self.geocoded.timezone if self.geocoded is not None else ""
            if found:
                cleaned["timezone"] = found
            elif cleaned.get("mode") == EventMode.ONLINE:
                self.add_error(
                    "timezone",
                    _("Give the time zone the times are in, for example Europe/Madrid."),
                )

    def _times(self, cleaned: dict) -> None:
        zone_name = cleaned.get("timezone")
        if not zone_name or "timezone" in self.errors:
            return
        zone = ZoneInfo(zone_name)
        starts_at = dt.datetime.combine(cleaned["date"], cleaned["start_time"], tzinfo=zone)
        ends_at = dt.datetime.combine(cleaned["date"], cleaned["end_time"], tzinfo=zone)
        if ends_at <= starts_at:
            self.add_error("end_time", _("The event must end after it starts."))
        elif starts_at <= timezone.now():
            self.add_error("start_time", _("This time has already passed."))
        cleaned["starts_at"], cleaned["ends_at"] = starts_at, ends_at

    def clean_host_email(self):
        return self.cleaned_data["host_email"].strip().lower()

    def service_fields(self) -> dict:
        data = self.cleaned_data
        geocoded = self.geocoded
        return {
            "title": data["title"],
            "description": data["description"],
            "language": data["language"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "timezone": data["timezone"],
            "mode": data["mode"],
            "venue": data["venue"],
            "address": data["address"],
            "locality": data["town"],
            "country": data["country"],
            "latitude": geocoded.latitude if geocoded else None,
            "longitude": geocoded.longitude if geocoded else None,
            "join_url": data["join_url"],
            "capacity": data["capacity"],
            "organiser_name": data["organiser_name"] or data["host_name"],
            "host_name": data["host_name"],
            "host_email": data["host_email"],
        }


def _date(value: dt.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")
