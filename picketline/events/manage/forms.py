"""The organisers' forms: an event (created or edited), its speakers, a message to everyone
coming, and the check-in page's search.

Times are typed as a clock in the chosen zone shows them and become aware datetimes here, so
the services only ever see UTC-comparable values. A place is a town, a pin, or both; what is
missing is filled in from the gazetteer when it knows the place.
"""

import datetime as dt
import functools
import re
from urllib.parse import unquote, urlparse
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from picketline.core.geo import round_point
from picketline.core.i18n import current_language
from picketline.core.text import normalize_name, plain_text
from picketline.core.times import TIMEZONE_CHOICES, LocalDateTimeField, local, localize
from picketline.disputes.choices import Precision
from picketline.disputes.models import Dispute
from picketline.disputes.submissions.places import (
    DEFAULT_TIMEZONE,
    LocatedPlace,
    locate_point,
)
from picketline.events.choices import EventMode, EventStatus, EventVisibility
from picketline.events.models import Event
from picketline.events.services import EVENT_DETAIL_FIELDS
from picketline.organisations.models import Organisation
from picketline.places.selectors import locality_geocode

MAX_SPEAKERS = 10
MAX_LINKED = 20
MAX_CAPACITY = 1_000_000
# Text fields whose value is shown as plain text: any markup is dropped before it is stored.
PLAIN_FIELDS = ("title", "description", "organiser_name", "venue", "address", "locality")
_SEPARATORS = re.compile(r"[,\s]+")


@functools.cache
def _known_zones() -> frozenset[str]:
    # Reading the zone database's file list on every form would be slow for no change.
    return frozenset(available_timezones())


def _max_length(name: str) -> int:
    return Event._meta.get_field(name).max_length


def localize_strict(value: dt.datetime, zone_name: str) -> dt.datetime:
    """`value` read on the clock of `zone_name`, refusing a time the clock skips (spring
    forward) and a time it shows twice (fall back): either would put the event at a time the
    organiser did not mean."""
    aware = localize(value, zone_name)
    if value.tzinfo is None:
        zone = ZoneInfo(zone_name)
        first = value.replace(tzinfo=zone, fold=0).utcoffset()
        second = value.replace(tzinfo=zone, fold=1).utcoffset()
        if first != second:
            raise ValidationError(
                _(
                    "%(time)s happens twice in %(zone)s: the clocks go back then. "
                    "Choose a time outside the change."
                ),
                params={"time": formats.date_format(value, "DATETIME_FORMAT"), "zone": zone_name},
                code="ambiguous",
            )
    return aware


def _locate_town(town: str, country: str) -> LocatedPlace | None:
    """A typed town as a point, when the gazetteer knows the town itself (not only its region
    or country: a pin in the middle of a country would mislead)."""
    geocoded = locality_geocode(text=town, country=country)
    if geocoded is None or geocoded.precision != Precision.CITY:
        return None
    latitude, longitude = round_point(geocoded.latitude, geocoded.longitude)
    return LocatedPlace(
        latitude=latitude,
        longitude=longitude,
        precision=geocoded.precision,
        city=geocoded.city,
        region=geocoded.region,
        country=geocoded.country,
        timezone=geocoded.timezone or DEFAULT_TIMEZONE,
    )


def dispute_slug(text: str) -> str:
    """The slug in what people paste: a slug, or a dispute page's address."""
    if "/" not in text:
        return text
    parts = [unquote(part) for part in urlparse(text).path.split("/") if part]
    if "disputes" in parts and parts.index("disputes") + 1 < len(parts):
        return parts[parts.index("disputes") + 1]
    return parts[-1] if parts else ""


class DisputesField(forms.CharField):
    """Linked disputes, by slug or by the address of their page, separated by commas."""

    def clean(self, value):
        text = super().clean(value)
        wanted = list(dict.fromkeys(dispute_slug(item) for item in _SEPARATORS.split(text) if item))
        if len(wanted) > MAX_LINKED:
            raise ValidationError(
                _("Link at most %(limit)d disputes."), params={"limit": MAX_LINKED}, code="too_many"
            )
        found = {dispute.slug: dispute for dispute in Dispute.objects.filter(slug__in=wanted)}
        unknown = [slug for slug in wanted if slug not in found]
        if unknown:
            raise ValidationError(
                _(
                    "No dispute was found for: %(unknown)s. Paste the address of the dispute's "
                    "page, or the last part of it."
                ),
                params={"unknown": ", ".join(unknown)},
                code="unknown",
            )
        return [found[slug] for slug in wanted]

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return ", ".join(getattr(item, "slug", str(item)) for item in value)
        return value


class SponsorsField(forms.CharField):
    """Sponsoring organisations, one name a line, each one already known to the site."""

    widget = forms.Textarea(attrs={"rows": 3, "autocomplete": "off"})

    def clean(self, value):
        text = super().clean(value)
        names = list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))
        if len(names) > MAX_LINKED:
            raise ValidationError(
                _("Name at most %(limit)d organisations."),
                params={"limit": MAX_LINKED},
                code="too_many",
            )
        found, unknown = [], []
        for name in names:
            organisation = (
                Organisation.objects.filter(name_key=normalize_name(name))
                .order_by("verified_at", "id")
                .first()
            )
            if organisation is None:
                unknown.append(name)
            elif organisation not in found:
                found.append(organisation)
        if unknown:
            raise ValidationError(
                _(
                    "These organisations are not known here yet: %(unknown)s. Check the "
                    "spelling, or leave them out and mention them in the description."
                ),
                params={"unknown": ", ".join(unknown)},
                code="unknown",
            )
        return found

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(getattr(item, "name", str(item)) for item in value)
        return value


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, organisation):
        return organisation.name


def _language_choices(current: str) -> list[tuple[str, str]]:
    choices = list(settings.LANGUAGES)
    if current and current not in dict(choices):
        choices.append((current, current))
    return choices


# Empty: the place's zone when the gazetteer knows the place, else the device's, else UTC.
ZONE_CHOICES = [("", _("Automatic (the place's zone)")), *TIMEZONE_CHOICES]


class EventForm(forms.Form):
    """An event as its organisers enter it: phone-first, essentials first."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
    title = forms.CharField(label=_("Title"), max_length=_max_length("title"))
    organisation = OrganisationChoiceField(
        label=_("Organised by"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("— not in an organisation's name —"),
        help_text=_("An organisation you hold an account for, or a name to show below."),
    )
    organiser_name = forms.CharField(
        label=_("Organiser's name to show"),
        max_length=_max_length("organiser_name"),
        required=False,
        help_text=_("For example your group's name. Shown publicly."),
    )
    starts_at = LocalDateTimeField(label=_("Starts"))
    ends_at = LocalDateTimeField(label=_("Ends"))
    timezone = forms.CharField(
        label=_("Time zone"),
        max_length=64,
        required=False,
        widget=forms.Select(choices=ZONE_CHOICES),
        help_text=_(
            "The times above are on this zone's clock. Automatic: the zone of the place, or "
            "else of this device."
        ),
    )
    # The device's own zone, filled in by the page's script: the default when the place has none.
    browser_timezone = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)
    mode = forms.ChoiceField(
        label=_("Where"),
        choices=EventMode.choices,
        initial=EventMode.IN_PERSON,
        widget=forms.RadioSelect,
    )
    venue = forms.CharField(label=_("Venue"), max_length=_max_length("venue"), required=False)
    address = forms.CharField(label=_("Address"), max_length=_max_length("address"), required=False)
    locality = forms.CharField(
        label=_("Town or city"),
        max_length=_max_length("locality"),
        required=False,
        help_text=_("Such as “Leeds”. The map pin is put there when you leave it empty."),
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    country = forms.CharField(
        label=_("Country"),
        max_length=2,
        required=False,
        help_text=_("Two letters, such as GB or ES."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "size": 3}),
    )
    latitude = forms.FloatField(
        label=capfirst(_("latitude")), required=False, min_value=-90, max_value=90
    )
    longitude = forms.FloatField(
        label=capfirst(_("longitude")), required=False, min_value=-180, max_value=180
    )
    join_url = forms.CharField(
        label=_("Link to join online"),
        max_length=_max_length("join_url"),
        required=False,
        validators=[URLValidator(schemes=["http", "https"])],
        widget=forms.URLInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_(
            "Needed for online and hybrid events. Shown only to people whose place is "
            "confirmed, and to the organisers."
        ),
        error_messages={"invalid": _("Enter a web address starting with https:// or http://.")},
    )
    capacity = forms.IntegerField(
        label=pgettext_lazy("event seats", "Places"),
        required=False,
        min_value=1,
        max_value=MAX_CAPACITY,
        help_text=_(
            "Leave empty for no limit. Past this many, people join a waiting list and get a "
            "place, in order, when someone cancels."
        ),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    visibility = forms.ChoiceField(
        label=_("Who can find it"),
        choices=EventVisibility.choices,
        initial=EventVisibility.PUBLIC,
        widget=forms.RadioSelect,
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=_max_length("description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    language = forms.ChoiceField(label=_("Language of the description"), choices=())
    disputes = DisputesField(
        label=_("Linked disputes"),
        required=False,
        help_text=_(
            "The addresses of their pages (or the last part of them), separated by commas."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    sponsors = SponsorsField(
        label=_("Sponsoring organisations"),
        required=False,
        help_text=_("One name a line, as the organisation is known on this site."),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=EventStatus.choices, initial=EventStatus.SCHEDULED
    )
    status_note = forms.CharField(
        label=_("Why it changed"),
        max_length=_max_length("status_note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Told to everyone coming or waiting when the event is postponed or cancelled."),
    )

    def __init__(self, *args, user, instance: Event | None = None, **kwargs):
        self.instance = instance
        initial = kwargs.pop("initial", {})
        if instance is not None:
            initial = {**self.initial_from(instance), **initial}
        else:
            initial.setdefault("language", current_language())
        super().__init__(*args, initial=initial, **kwargs)
        self.place_zone = ""
        self._limit_organisations(user, instance)
        current = instance.language if instance is not None else ""
        self.fields["language"].choices = _language_choices(current)
        for name in ("latitude", "longitude"):
            self.fields[name].widget.attrs.update(step="any", inputmode="decimal")
        if instance is None:
            del self.fields["version"], self.fields["status"], self.fields["status_note"]
        else:
            self.fields["version"].required = True

    def _limit_organisations(self, user, instance: Event | None) -> None:
        held = Q(coordinators=user)
        if instance is not None and instance.organisation_id:
            held |= Q(pk=instance.organisation_id)
        queryset = Organisation.objects.filter(held).distinct().order_by("name")
        if queryset.exists():
            self.fields["organisation"].queryset = queryset
        else:
            del self.fields["organisation"]

    @staticmethod
    def initial_from(event: Event) -> dict:
        """The form's values for an event, its times on the event's own clock."""
        return {
            "version": event.version,
            "title": event.title,
            "organisation": event.organisation_id,
            "organiser_name": event.organiser_name,
            "starts_at": local(event.starts_at, event.timezone),
            "ends_at": local(event.ends_at, event.timezone),
            "timezone": event.timezone,
            "mode": event.mode,
            "venue": event.venue,
            "address": event.address,
            "locality": event.locality,
            "country": event.country,
            "latitude": event.latitude,
            "longitude": event.longitude,
            "join_url": event.join_url,
            "capacity": event.capacity,
            "visibility": event.visibility,
            "description": event.description,
            "language": event.language,
            "disputes": list(event.disputes.order_by("slug")),
            "sponsors": list(event.sponsors.order_by("name")),
            "status": event.status,
            "status_note": event.status_note,
        }

    # --- single fields --------------------------------------------------------------------

    def _plain(self, name: str) -> str:
        return plain_text(self.cleaned_data.get(name) or "")

    def clean_title(self):
        title = self._plain("title")
        if not title:
            raise ValidationError(_("Give the event a title."), code="required")
        return title

    def clean_description(self):
        return self._plain("description")

    def clean_organiser_name(self):
        return self._plain("organiser_name")

    def clean_venue(self):
        return self._plain("venue")

    def clean_address(self):
        return self._plain("address")

    def clean_locality(self):
        return self._plain("locality")

    def clean_status_note(self):
        return self._plain("status_note")

    def clean_country(self):
        code = self.cleaned_data["country"].strip().upper()
        if code and (len(code) != 2 or not code.isalpha()):
            raise ValidationError(
                _("Use a two-letter country code such as GB or ES, not “%(code)s”."),
                params={"code": code},
                code="invalid",
            )
        return code

    def clean_timezone(self):
        return self._zone_name("timezone", strict=True)

    def clean_browser_timezone(self):
        return self._zone_name("browser_timezone", strict=False)

    def _zone_name(self, name: str, *, strict: bool) -> str:
        zone = (self.cleaned_data.get(name) or "").strip()
        if zone and zone not in _known_zones():
            if not strict:
                return ""
            raise ValidationError(
                _("%(zone)s is not a time zone name."), params={"zone": zone}, code="invalid"
            )
        return zone

    def clean_join_url(self):
        return (self.cleaned_data.get("join_url") or "").strip()

    # --- the whole form -------------------------------------------------------------------

    def clean(self):
        cleaned = super().clean()
        organiser = cleaned.get("organisation") or cleaned.get("organiser_name")
        if not organiser and not self.has_error("organiser_name"):
            self.add_error(
                "organiser_name",
                ValidationError(
                    _("Say who organises the event: choose an organisation or give a name."),
                    code="required",
                ),
            )
        self._locate(cleaned)
        self._check_mode(cleaned)
        self._check_times(cleaned)
        return cleaned

    def _pin_stale(self) -> bool:
        """On an edit, a new town typed with the pin left where it was: the pin is the old
        town's, so the new town decides."""
        if self.instance is None:
            return False
        changed = set(self.changed_data)
        return "locality" in changed and not changed & {"latitude", "longitude"}

    def _locate(self, cleaned: dict) -> None:
        if any(self.has_error(name) for name in ("latitude", "longitude", "locality", "country")):
            return
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None):
            self.add_error(
                "longitude" if longitude is None else "latitude",
                ValidationError(
                    _("Give both latitude and longitude, or neither."), code="required"
                ),
            )
            return
        town, country = cleaned.get("locality", ""), cleaned.get("country", "")
        located = None
        if latitude is not None and not self._pin_stale():
            located = locate_point(latitude=latitude, longitude=longitude, exact=True)
        elif town:
            located = _locate_town(town, country)
            cleaned["latitude"] = located.latitude if located else None
            cleaned["longitude"] = located.longitude if located else None
        if located is None:
            return
        if not town and located.city:
            cleaned["locality"] = located.city
        if not country and located.country:
            cleaned["country"] = located.country
        if located.city or located.country:
            self.place_zone = located.timezone

    def _check_mode(self, cleaned: dict) -> None:
        mode = cleaned.get("mode")
        if mode is None:
            return
        has_place = cleaned.get("locality") or cleaned.get("latitude") is not None
        if mode != EventMode.ONLINE and not has_place and not self.has_error("locality"):
            self.add_error(
                "locality",
                ValidationError(
                    _(
                        "An event in person needs a place: type the town, or put the pin on "
                        "the map."
                    ),
                    code="required",
                ),
            )
        needs_link = mode != EventMode.IN_PERSON and not cleaned.get("join_url")
        if needs_link and not self.has_error("join_url"):
            self.add_error(
                "join_url",
                ValidationError(
                    _("An online or hybrid event needs the link people use to join."),
                    code="required",
                ),
            )

    def _check_times(self, cleaned: dict) -> None:
        if self.has_error("timezone"):
            return
        zone = (
            cleaned.get("timezone") or self.place_zone or cleaned.get("browser_timezone") or "UTC"
        )
        cleaned["timezone"] = zone
        for name in ("starts_at", "ends_at"):
            if cleaned.get(name) is not None:
                try:
                    cleaned[name] = self._kept_or_localized(name, cleaned[name], zone)
                except ValidationError as error:
                    self.add_error(name, error)
                    cleaned.pop(name, None)
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error(
                "ends_at", ValidationError(_("The end must be after the start."), code="order")
            )

    def _kept_or_localized(self, name: str, value: dt.datetime, zone: str) -> dt.datetime:
        """The stored time when the form shows it unchanged: the page shows whole minutes, and
        an event saved with seconds (by the API, say) must not count as moved, which would
        email everyone coming."""
        if self.instance is not None and zone == self.instance.timezone:
            stored = getattr(self.instance, name)
            if value.tzinfo is None and value == local(stored, zone):
                return stored
        return localize_strict(value, zone)

    def service_fields(self) -> dict:
        """What `event_create` and `event_update` take, from a valid form."""
        cleaned = self.cleaned_data
        fields = {name: cleaned.get(name) for name in EVENT_DETAIL_FIELDS}
        fields["organisation"] = cleaned.get("organisation")
        fields["organiser_name"] = cleaned.get("organiser_name", "")
        fields["join_url"] = cleaned.get("join_url", "")
        if "status" in self.fields:
            fields["status"] = cleaned["status"]
            fields["status_note"] = cleaned.get("status_note", "")
        return fields


class SpeakerForm(forms.Form):
    """One speaker; a row left empty is no speaker, so clearing a row removes one."""

    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    role = forms.CharField(label=_("Role"), max_length=200, required=False)
    bio = forms.CharField(
        label=_("Short bio"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        for name in ("name", "role", "bio"):
            cleaned[name] = plain_text(cleaned.get(name) or "")
        if not cleaned["name"] and (cleaned["role"] or cleaned["bio"]):
            self.add_error("name", ValidationError(_("Give the speaker's name."), code="required"))
        return cleaned


BaseSpeakerFormSet = forms.formset_factory(
    SpeakerForm,
    extra=2,
    max_num=MAX_SPEAKERS,
    absolute_max=MAX_SPEAKERS,
    validate_max=True,
)


class SpeakerFormSet(BaseSpeakerFormSet):
    def __init__(self, *args, event: Event | None = None, **kwargs):
        if event is not None and "initial" not in kwargs:
            kwargs["initial"] = [
                {"name": s.name, "role": s.role, "bio": s.bio} for s in event.speakers.all()
            ]
        kwargs.setdefault("prefix", "speakers")
        super().__init__(*args, **kwargs)

    def speakers(self) -> list[dict]:
        """The speakers in the order given, rows left empty skipped."""
        return [
            {name: form.cleaned_data[name] for name in ("name", "role", "bio")}
            for form in self.forms
            if form.cleaned_data.get("name")
        ]


class AttendeesMessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Sent as plain text. Each person's email ends with their own link to see or "
            "cancel their place."
        ),
    )
    waiting = forms.BooleanField(
        label=_("Also send it to the people on the waiting list"), required=False
    )

    def clean_subject(self):
        subject = plain_text(self.cleaned_data["subject"]).replace("\n", " ")
        if not subject:
            raise ValidationError(_("Give the email a subject."), code="required")
        return subject

    def clean_body(self):
        body = plain_text(self.cleaned_data["body"])
        if not body:
            raise ValidationError(_("Write the message."), code="required")
        return body


class CheckInSearchForm(forms.Form):
    q = forms.CharField(label=_("Find a name"), max_length=100, required=False)
