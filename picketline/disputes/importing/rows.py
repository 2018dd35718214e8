"""One CSV row, read through a mapping, checked, and placed on the map."""

import datetime as dt
import math
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from picketline.disputes.choices import DisputeStatus
from picketline.disputes.importing.mapping import CHOICES, Mapping
from picketline.disputes.models import Dispute, Source
from picketline.organisations.models import Organisation
from picketline.places.selectors import Geocoded, LocalityGeocoder, country_code

EXACT = "exact"
MAX_WORKERS = 2_147_483_647  # the largest PositiveIntegerField every database stores
TITLE_LENGTH = Dispute._meta.get_field("title").max_length
KEY_LENGTH = Dispute._meta.get_field("source_key").max_length
NAME_LENGTH = Organisation._meta.get_field("name").max_length
URL_LENGTH = Source._meta.get_field("url").max_length


class RowRejected(Exception):
    """The row cannot be stored; the message says why, for the person who made the file."""


@dataclass
class ImportRow:
    line: int
    source_key: str
    # Dispute fields the mapping sets; everything else keeps its default or current value.
    fields: dict[str, object]
    employers: list[str] | None  # None when the mapping has no employers
    unions: list[str] | None
    country: str
    location: Geocoded | None
    source_url: str = ""
    source_kind: str = "other"
    source_title: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def precision(self) -> str:
        return self.location.precision if self.location is not None else ""


class RowReader:
    """Turns rows into ImportRows for one file: numbers repeated keys, caches places."""

    def __init__(self, mapping: Mapping, *, today: dt.date | None = None):
        self.mapping = mapping
        self.today = today or timezone.localdate()
        self.geocoder = LocalityGeocoder()
        self._keys: dict[str, tuple[int, int]] = {}  # key → (first line, times seen)
        self._countries: dict[str, str] = {}
        self._url = URLValidator()

    def read(self, row: dict[str, str], *, line: int) -> ImportRow:
        """Raises RowRejected with the reason when the row cannot be stored."""
        mapping = self.mapping
        warnings: list[str] = []
        source_key = self._source_key(row, line)
        fields: dict[str, object] = {}
        employers = self._names(row, "employers")
        unions = self._names(row, "unions")
        title = self._text(row, "title") or ", ".join(employers or [])
        if not title:
            raise RowRejected(_("It has neither an employer nor a title."))
        if len(title) > TITLE_LENGTH:
            warnings.append(
                _("The title was cut to %(count)d characters.") % {"count": TITLE_LENGTH}
            )
            title = title[: TITLE_LENGTH - 1].rstrip() + "…"
        fields["title"] = title
        for name in ("description", "language"):
            if mapping.value(name) is not None:
                fields[name] = self._text(row, name)
        start = self._date(row, "start_date", _("start date"))
        end = self._date(row, "end_date", _("end date"))
        if start and end and end < start:
            if mapping.end_before_start != "drop_end":
                raise RowRejected(
                    _("The end date %(end)s is before the start date %(start)s.")
                    % {"end": end, "start": start}
                )
            warnings.append(
                _("The end date %(end)s is before the start date %(start)s; it was left out.")
                % {"end": end, "start": start}
            )
            end = None
        if mapping.value("start_date") is not None:
            fields["start_date"] = start
        if mapping.value("end_date") is not None:
            fields["end_date"] = end
        if mapping.value("workers") is not None:
            fields["workers_involved"] = self._workers(row)
        for name in CHOICES:
            if mapping.value(name) is not None:
                choice = self._choice(row, name, warnings)
                if choice or name == "sector":
                    fields[name] = choice
        status = self._status(fields.get("status"), start=start, end=end)
        if status:
            fields["status"] = status
        self._check(fields)
        country = self._country(row, warnings)
        source_url = self._text(row, "source_url")
        if source_url:
            try:
                self._url(source_url)
                if len(source_url) > URL_LENGTH:
                    raise ValidationError("too long")
            except ValidationError:
                warnings.append(
                    _("The source address “%(url)s” is not a web address; it was left out.")
                    % {"url": source_url}
                )
                source_url = ""
        return ImportRow(
            line=line,
            source_key=source_key,
            fields=fields,
            employers=employers,
            unions=unions,
            country=country,
            location=self._locate(row, country, warnings),
            source_url=source_url,
            source_kind=mapping.source_kind,
            source_title=self._text(row, "source_title")[:300],
            warnings=warnings,
        )

    def _text(self, row: dict[str, str], name: str) -> str:
        if name == "source_url":
            value = self.mapping.source_url
        elif name == "source_title":
            value = self.mapping.source_title
        else:
            value = self.mapping.value(name)
        return value.text(row) if value is not None else ""

    def _source_key(self, row: dict[str, str], line: int) -> str:
        mapping = self.mapping
        key = mapping.source_key.text(row)
        if not key:
            raise RowRejected(_("It has no identifier (the mapping's “source_key”)."))
        key = f"{mapping.key_prefix}{key}"
        first, seen = self._keys.get(key, (line, 0))
        self._keys[key] = (first, seen + 1)
        if seen:
            if mapping.duplicates != "number":
                raise RowRejected(
                    _("Its identifier %(key)s was already used on line %(line)d.")
                    % {"key": key, "line": first}
                )
            key = f"{key}/{seen + 1}"
        if len(key) > KEY_LENGTH:
            raise RowRejected(
                _("Its identifier is longer than %(count)d characters.") % {"count": KEY_LENGTH}
            )
        return key

    def _names(self, row: dict[str, str], name: str) -> list[str] | None:
        values = self.mapping.lists.get(name)
        if values is None:
            return None
        names = list(dict.fromkeys(text for value in values for text in value.texts(row)))
        for text in names:
            if len(text) > NAME_LENGTH:
                raise RowRejected(
                    _("The name “%(name)s…” is longer than %(count)d characters.")
                    % {"name": text[:40], "count": NAME_LENGTH}
                )
        return names

    def _date(self, row: dict[str, str], name: str, label: str) -> dt.date | None:
        text = self._text(row, name)
        if not text:
            return None
        for format in self.mapping.date_formats:
            try:
                return dt.datetime.strptime(text, format).date()
            except ValueError:
                continue
        raise RowRejected(
            _("Its %(field)s “%(value)s” is not a date written as %(formats)s.")
            % {"field": label, "value": text, "formats": _(" or ").join(self.mapping.date_formats)}
        )

    def _workers(self, row: dict[str, str]) -> int | None:
        text = self._text(row, "workers")
        if not text:
            return None
        cleaned = text.replace(",", "").replace(" ", "").replace("_", "")
        try:
            number = float(cleaned)
        except ValueError:
            raise RowRejected(
                _("Its number of workers “%(value)s” is not a number.") % {"value": text}
            ) from None
        if math.isnan(number) or number < 0:
            raise RowRejected(_("Its number of workers “%(value)s” is negative.") % {"value": text})
        if number > MAX_WORKERS:
            raise RowRejected(
                _("Its number of workers “%(value)s” is too large.") % {"value": text}
            )
        return round(number)

    def _choice(self, row: dict[str, str], name: str, warnings: list[str]) -> str:
        value = self.mapping.value(name)
        text = value.text(row) if value.column or value.template else ""
        if not text:
            return value.default
        mapped = value.mapped(text)
        if mapped is not None:
            return mapped
        choices = CHOICES[name]
        for stored, label in choices.choices:
            if text.casefold() in (stored.casefold(), str(label).casefold()):
                return stored
        warnings.append(
            _("The %(field)s “%(value)s” is not in the mapping; “%(default)s” was used.")
            % {
                "field": Dispute._meta.get_field(name).verbose_name,
                "value": text,
                "default": value.default or "-",
            }
        )
        return value.default

    def _status(self, status, *, start: dt.date | None, end: dt.date | None) -> str:
        mapping = self.mapping
        if mapping.ended_when_end_date and end is not None and end <= self.today:
            return DisputeStatus.ENDED
        if (
            mapping.ended_after_days is not None
            and end is None
            and start is not None
            and (self.today - start).days > mapping.ended_after_days
        ):
            return DisputeStatus.ENDED
        return status or ""

    def _check(self, fields: dict[str, object]) -> None:
        """What the model itself would refuse (lengths, choices), said before anything is saved."""
        dispute = Dispute(**fields)
        names = {field.name for field in Dispute._meta.concrete_fields}
        try:
            dispute.clean_fields(exclude=names - set(fields))
        except ValidationError as error:
            raise RowRejected(
                " ".join(
                    _("%(field)s: %(problem)s")
                    % {
                        "field": Dispute._meta.get_field(name).verbose_name,
                        "problem": " ".join(str(message) for message in messages),
                    }
                    for name, messages in error.message_dict.items()
                )
            ) from None

    def _country(self, row: dict[str, str], warnings: list[str]) -> str:
        value = self.mapping.value("country")
        if value is None:
            return ""
        text = value.text(row)
        if not text:
            return ""
        if text not in self._countries:
            code = text.upper() if len(text) == 2 and text.isalpha() else ""
            self._countries[text] = code or country_code(text=text)
        code = self._countries[text]
        if not code:
            default = value.default.upper()
            warnings.append(
                _("The country “%(value)s” is not known; %(default)s was used.")
                % {"value": text, "default": default or "-"}
            )
            code = default if text != value.default else ""
        return code

    def _locate(self, row: dict[str, str], country: str, warnings: list[str]) -> Geocoded | None:
        text = self._text(row, "location") or ", ".join(
            part for part in (self._text(row, "city"), self._text(row, "region")) if part
        )
        found = self.geocoder.geocode(text, country=country)
        point = self._point(row, warnings)
        if point is None:
            return found
        return Geocoded(
            latitude=point[0],
            longitude=point[1],
            precision=EXACT,
            city=found.city if found else self._text(row, "city"),
            region=found.region if found else self._text(row, "region"),
            country=found.country if found else country,
            timezone=found.timezone if found else "",
        )

    def _point(self, row: dict[str, str], warnings: list[str]) -> tuple[float, float] | None:
        lat_text, lon_text = self._text(row, "latitude"), self._text(row, "longitude")
        if not lat_text and not lon_text:
            return None
        try:
            lat, lon = float(lat_text), float(lon_text)
        except ValueError:
            lat = lon = math.nan
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            warnings.append(
                _(
                    "The coordinates “%(lat)s, %(lon)s” are not a point on Earth; "
                    "the place name was used instead."
                )
                % {"lat": lat_text, "lon": lon_text}
            )
            return None
        return lat, lon
