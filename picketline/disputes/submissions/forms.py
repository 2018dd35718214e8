"""The "Add a strike" form, used by the page and the API alike, the moderators' edit form, and
the form a reporter answers a moderator's question with.

Both check the same rules. The public form also works out where the place is (from the pin, or
from the typed name through the gazetteer) and reads picket times in that place's time zone.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from picketline.core.forms import HoneypotForm
from picketline.core.i18n import current_language
from picketline.core.text import plain_text
from picketline.disputes.choices import Demand, DisputeKind, DisputeStatus, Sector, Verification
from picketline.disputes.models import Submission, validate_timezone
from picketline.disputes.submissions.places import DEFAULT_TIMEZONE, locate_point, locate_text
from picketline.disputes.submissions.services import submission_title

MAX_SOURCES = 10
MAX_SOURCE_LENGTH = 1000
MAX_WORKERS = 10_000_000
# A strike announced further ahead than this is more likely a typing mistake.
MAX_DAYS_AHEAD = 366

# The fields a submission stores from the public form, in the order the model lists them.
SUBMISSION_FIELDS = (
    "employer",
    "unions",
    "kind",
    "dispute_status",
    "description",
    "language",
    "start_date",
    "end_date",
    "sector",
    "workers_involved",
    "demands",
    "demands_other",
    "place_name",
    "city",
    "region",
    "country",
    "latitude",
    "longitude",
    "precision",
    "timezone",
    "picket_address",
    "picket_starts_at",
    "picket_ends_at",
    "picket_weekly",
    "sources",
    "sensitive",
    "solidarity_email",
    "submitter_name",
    "submitter_email",
    "contact_consent",
)
# What a moderator may change before publishing; the submitter's own details stay as sent.
EDITABLE_FIELDS = tuple(
    name
    for name in SUBMISSION_FIELDS
    if name not in {"submitter_name", "submitter_email", "contact_consent"}
)


def _max_length(name: str) -> int:
    return Submission._meta.get_field(name).max_length


def _language_choices():
    return settings.LANGUAGES


class SourcesField(forms.Field):
    """Web addresses, one a line, as a list without repeats."""

    widget = forms.Textarea(attrs={"rows": 3, "autocomplete": "off", "spellcheck": "false"})
    default_error_messages = {
        "too_many": _("Give at most %(limit)d sources."),
        "invalid": _("“%(url)s” is not a web address starting with http:// or https://."),
        "too_long": _("“%(url)s…” is too long for a web address (at most %(limit)d characters)."),
    }
    _url = URLValidator(schemes=["http", "https"])

    def to_python(self, value) -> list[str]:
        if value in self.empty_values:
            return []
        lines = value if isinstance(value, (list, tuple)) else str(value).splitlines()
        return list(dict.fromkeys(str(line).strip() for line in lines if str(line).strip()))

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(value)
        return value

    def validate(self, value: list[str]) -> None:
        super().validate(value)
        if len(value) > MAX_SOURCES:
            raise ValidationError(
                self.error_messages["too_many"], code="too_many", params={"limit": MAX_SOURCES}
            )
        errors = []
        for url in value:
            if len(url) > MAX_SOURCE_LENGTH:
                errors.append(
                    ValidationError(
                        self.error_messages["too_long"],
                        code="too_long",
                        params={"url": url[:60], "limit": MAX_SOURCE_LENGTH},
                    )
                )
                continue
            try:
                self._url(url)
            except ValidationError:
                errors.append(
                    ValidationError(
                        self.error_messages["invalid"], code="invalid", params={"url": url[:200]}
                    )
                )
        if errors:
            raise ValidationError(errors)

    def has_changed(self, initial, data) -> bool:
        return self.to_python(initial) != self.to_python(data)


class LocalDateTimeField(forms.DateTimeField):
    """A date and time as read on a clock at the place; the form gives it the place's zone.

    A value that already carries an offset (from the API) keeps it.
    """

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value
        if isinstance(value, dt.date):
            return dt.datetime(value.year, value.month, value.day)
        try:
            return dt.datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def prepare_value(self, value):
        return value


def _text(name: str, **kwargs) -> forms.CharField:
    kwargs.setdefault("required", False)
    return forms.CharField(max_length=_max_length(name), **kwargs)


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SubmissionRules(forms.Form):
    """Fields and checks shared by the public form and the moderators' edit form."""

    employer = _text(
        "employer",
        required=True,
        label=_("Employer"),
        help_text=_("The company or organisation the workers are in dispute with."),
    )
    kind = forms.ChoiceField(
        label=_("What is happening"),
        choices=DisputeKind.choices,
        initial=DisputeKind.STRIKE,
        widget=forms.RadioSelect,
    )
    start_date = forms.DateField(
        label=_("Start date"),
        initial=timezone.localdate,
        widget=_date_input(),
        help_text=_("The first day of the action, or the day it is announced for."),
    )
    description = forms.CharField(
        label=_("What is it about?"),
        max_length=_max_length("description"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Who is taking action, why, and what supporters can do. Plain text."),
    )
    unions = _text(
        "unions",
        label=_("Unions"),
        help_text=_("Separate several with commas."),
    )
    dispute_status = forms.ChoiceField(
        label=_("Status"), choices=DisputeStatus.choices, initial=DisputeStatus.ACTIVE
    )
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        widget=_date_input(),
        help_text=_("Leave empty if it has no end date yet."),
    )
    workers_involved = forms.IntegerField(
        label=_("Workers involved"),
        required=False,
        min_value=1,
        max_value=MAX_WORKERS,
        help_text=_("A rough number is fine."),
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        required=False,
        choices=[("", _("Not sure")), *Sector.choices],
    )
    demands = forms.MultipleChoiceField(
        label=_("Demands"),
        required=False,
        choices=Demand.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    demands_other = _text(
        "demands_other",
        label=_("Other demands"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    picket_address = _text(
        "picket_address",
        label=_("Picket line address"),
        help_text=_("Where supporters can join the picket, such as the main gate's street."),
    )
    picket_starts_at = LocalDateTimeField(label=_("Picket starts"), required=False)
    picket_ends_at = LocalDateTimeField(label=_("Picket ends"), required=False)
    picket_weekly = forms.BooleanField(label=_("The picket repeats every week"), required=False)
    sources = SourcesField(
        label=_("Sources"),
        required=False,
        help_text=_(
            "Web pages that report this dispute (union, press, social media): one address "
            "a line, at most 10."
        ),
    )
    solidarity_email = forms.EmailField(
        label=_("Solidarity contact email"),
        required=False,
        help_text=_(
            "Messages of solidarity from supporters are sent to this address, for example "
            "the strike committee's. It is never published."
        ),
    )
    sensitive = forms.BooleanField(
        label=_("Workers could face retaliation"),
        required=False,
        help_text=_("Then only the town is shown, never the exact place, and no names of people."),
    )
    language = forms.ChoiceField(
        label=_("Language of the description"),
        choices=_language_choices,
        initial=current_language,
    )

    def local_zone(self) -> str | None:
        """The time zone the picket times were written in; None while it is unknown."""
        raise NotImplementedError

    def check_rules(self, cleaned: dict) -> None:
        self._check_dates(cleaned)
        self._check_picket(cleaned)

    def _check_dates(self, cleaned: dict) -> None:
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start is not None:
            latest = timezone.localdate() + dt.timedelta(days=MAX_DAYS_AHEAD)
            if start > latest:
                self.add_error(
                    "start_date",
                    ValidationError(
                        _("The start date can be at most a year from today."), code="too_late"
                    ),
                )
        if start is not None and end is not None and end < start:
            self.add_error(
                "end_date",
                ValidationError(
                    _("The end date cannot be before the start date."), code="before_start"
                ),
            )

    def _check_picket(self, cleaned: dict) -> None:
        if self.has_error("picket_starts_at") or self.has_error("picket_ends_at"):
            return
        starts, ends = cleaned.get("picket_starts_at"), cleaned.get("picket_ends_at")
        if starts is None and ends is None:
            return
        if starts is None:
            self.add_error(
                "picket_starts_at",
                ValidationError(_("Give the time the picket starts too."), code="required"),
            )
            return
        if ends is None:
            self.add_error(
                "picket_ends_at",
                ValidationError(_("Give the time the picket ends too."), code="required"),
            )
            return
        zone_name = self.local_zone()
        if zone_name is None:
            # The place is not known, so neither is its clock: the form is invalid anyway, and
            # a time without its zone goes no further.
            for name in ("picket_starts_at", "picket_ends_at"):
                cleaned.pop(name, None)
            return
        zone = ZoneInfo(zone_name)
        starts = starts if starts.tzinfo else starts.replace(tzinfo=zone)
        ends = ends if ends.tzinfo else ends.replace(tzinfo=zone)
        if ends <= starts:
            self.add_error(
                "picket_ends_at",
                ValidationError(_("The picket must end after it starts."), code="before_start"),
            )
            return
        cleaned["picket_starts_at"], cleaned["picket_ends_at"] = starts, ends


class SubmissionForm(HoneypotForm, SubmissionRules):
    refused_message = _("Your report could not be sent. Please try again later.")

    """The public form: essentials first, then what the reporter may add, then about them."""

    place_name = _text(
        "place_name",
        label=_("Where"),
        help_text=_("The town or city, such as “Leeds” or “Springfield, US”."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "list": "place-suggestions"}),
    )
    latitude = forms.FloatField(
        required=False, min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    longitude = forms.FloatField(
        required=False, min_value=-180, max_value=180, widget=forms.HiddenInput
    )
    # Set by the map when the reporter moves the pin themselves: the point is the place itself,
    # not the middle of the town a suggestion named.
    pin_moved = forms.BooleanField(required=False, widget=forms.HiddenInput)
    submitter_name = _text("submitter_name", label=_("Your name"))
    submitter_email = forms.EmailField(
        label=_("Your email"),
        required=False,
        help_text=_("Only if a moderator may ask you about this report."),
    )
    contact_consent = forms.BooleanField(
        label=_(
            "You may email me about this report only. My email address is never published "
            "and never passed on."
        ),
        required=False,
    )
    # The optional section of the page, opened when one of these has an error.
    MORE = (
        "unions",
        "dispute_status",
        "end_date",
        "workers_involved",
        "sector",
        "demands",
        "demands_other",
        "picket_address",
        "picket_starts_at",
        "picket_ends_at",
        "picket_weekly",
        "sources",
        "solidarity_email",
        "sensitive",
        "language",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.located = None

    def local_zone(self) -> str | None:
        return self.located.timezone if self.located is not None else None

    def clean(self):
        cleaned = super().clean()
        self._locate(cleaned)
        self.check_rules(cleaned)
        email = cleaned.get("submitter_email")
        if email and not cleaned.get("contact_consent"):
            self.add_error(
                "contact_consent",
                ValidationError(
                    _(
                        "Tick this box so that a moderator may email you about this report, "
                        "or leave your email address out."
                    ),
                    code="required",
                ),
            )
        return cleaned

    def _locate(self, cleaned: dict) -> None:
        if any(self.has_error(name) for name in ("place_name", "latitude", "longitude")):
            return
        text = cleaned.get("place_name", "")
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None):
            self.add_error(
                "longitude" if longitude is None else "latitude",
                ValidationError(
                    _("Give both latitude and longitude, or neither."), code="required"
                ),
            )
            return
        if latitude is not None:
            self.located = locate_point(
                latitude=latitude, longitude=longitude, exact=cleaned.get("pin_moved", False)
            )
        elif not text:
            self.add_error(
                "place_name",
                ValidationError(
                    _("Type the town or city, or put the pin on the map."), code="required"
                ),
            )
            return
        else:
            self.located = locate_text(text=text)
            if self.located is None:
                self.add_error(
                    "place_name",
                    ValidationError(
                        _(
                            "We could not find this place. Check the spelling, add the country "
                            "(such as “Springfield, US”), or put the pin on the map."
                        ),
                        code="unknown_place",
                    ),
                )
                return
        cleaned["place_name"] = text or self.located.label

    @property
    def zone_name(self) -> str:
        """The place's time zone once the form knows it, for the page to name."""
        return self.local_zone() or ""

    def submission_fields(self) -> dict:
        """What `submission_create` stores, from a valid form."""
        cleaned = self.cleaned_data
        located = self.located
        fields = {name: cleaned[name] for name in SUBMISSION_FIELDS if name in cleaned}
        fields.update(
            latitude=located.latitude,
            longitude=located.longitude,
            precision=located.precision,
            city=located.city,
            region=located.region,
            country=located.country,
            timezone=located.timezone,
            contact_consent=bool(cleaned["submitter_email"] and cleaned["contact_consent"]),
        )
        return fields

    def add_service_errors(self, error: ValidationError) -> None:
        """Errors the service found after the form (text that was only markup, say)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, messages in error.error_dict.items():
            self.add_error(name if name in self.fields else None, messages)


class SubmissionEditForm(SubmissionRules, forms.ModelForm):
    """For "approve with edits": a submission's fields, checked by the same rules, plus the
    title and verification tier the published dispute gets.

    The moderation view passes the changed part of `cleaned_data` to `submission_publish`
    as `edits`.
    """

    title = forms.CharField(label=_("Title"), max_length=200)
    verification = forms.ChoiceField(
        label=_("Verification"), choices=Verification.choices, initial=Verification.CROWD
    )
    place_name = _text("place_name", required=True, label=_("Place"))
    latitude = forms.FloatField(label=_("Latitude"), min_value=-90, max_value=90)
    longitude = forms.FloatField(label=_("Longitude"), min_value=-180, max_value=180)
    # Checked here, not only by the model afterwards: the picket times are read in it.
    timezone = forms.CharField(label=_("Time zone"), max_length=64, validators=[validate_timezone])

    class Meta:
        model = Submission
        fields = EDITABLE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        submission = self.instance
        if submission.pk:
            self.fields["title"].initial = submission_title(
                employer=submission.employer, kind_label=submission.get_kind_display()
            )
            zone = ZoneInfo(submission.timezone or DEFAULT_TIMEZONE)
            for name in ("picket_starts_at", "picket_ends_at"):
                value = getattr(submission, name)
                if value is not None:
                    # Shown and compared as the clock at the place read it.
                    self.initial[name] = value.astimezone(zone).replace(tzinfo=None)

    @property
    def changed_data(self) -> list[str]:
        changed = [name for name, field in self._bound_items() if field._has_changed()]
        if "timezone" in changed:
            # The picket times were read on the place's clock: in a corrected zone, the same
            # clock times are other instants, so they change too.
            changed += [
                name
                for name in ("picket_starts_at", "picket_ends_at")
                if name not in changed and self[name].data
            ]
        return changed

    def local_zone(self) -> str | None:
        if self.has_error("timezone"):
            return None
        return self.cleaned_data.get("timezone") or DEFAULT_TIMEZONE

    def clean(self):
        cleaned = super().clean()
        self.check_rules(cleaned)
        return cleaned


# --- a reporter's answer to a moderator's question ---------------------------------------

ANSWER_MAX_LENGTH = 4000


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_body(self):
        body = plain_text(self.cleaned_data["body"])
        if not body:
            raise ValidationError(self.fields["body"].error_messages["required"], code="required")
        return body
