"""Column mappings: how the columns of a CSV file become disputes.

A mapping is a JSON object, given as the path of a file or as the name of a built-in mapping
(``fmcs``: the FMCS work stoppages published by labordata/fmcs-work-stoppage). Every key but
``source_key`` is optional. docs/import-mappings.md describes the format with an example;
in short::

    {
      "name": "acme-strikes",                 shown in reports
      "encoding": "utf-8-sig",                the file's encoding (default utf-8-sig)
      "delimiter": ",",                       the file's delimiter (default ",")
      "source_key": {"column": "ID", "prefix": "acme:", "duplicates": "reject"},
      "title": {"column": "Title", "template": "{Employer} strike"},
      "employers": "Employer",
      "unions": [{"column": "Union", "split": ";"}],
      "description": "Notes",
      "location": "Place",                    free text: "Leeds", "Saint Louis, MO"
      "city": "Town", "region": "State",      or the parts in their own columns
      "country": {"column": "Country", "default": "GB"},
      "latitude": "Lat", "longitude": "Lon",  exact coordinates, when the file has them
      "start_date": "Began", "end_date": "Ended",
      "date_formats": ["%d/%m/%Y", "%Y-%m-%d"],
      "workers": "Workers",
      "sector": {"column": "Industry", "map": {"Hospitals": "health"}},
      "kind": {"default": "strike"},
      "status": {"column": "State", "map": {"over": "ended"}, "default": "active",
                 "ended_when_end_date": true, "ended_after_days": 365},
      "outcome": {"default": "unknown"},
      "verification": {"default": "press"},
      "language": {"default": "en"},
      "source": {"url": {"column": "Link"}, "kind": "press", "title": "Acme strike list"},
      "end_before_start": "reject"
    }

A *value* is a column name, or an object with any of: ``column`` (read that column),
``template`` (``"{Employer} strike"``: text with column names in braces, used when the column
is empty or not given; a template whose columns are all empty gives nothing), ``default``
(a constant, used when nothing else gave a value), ``suffix`` (a column appended to the value
unless the value already contains it, as "Union" and "Union Local"), ``map`` (cell values,
compared without regard to case or spacing, to stored values) and, for employers and unions,
``split`` (a separator between several names in one cell).
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from picketline.core.text import normalize_name
from picketline.disputes.choices import (
    DisputeKind,
    DisputeStatus,
    Outcome,
    Sector,
    SourceKind,
    Verification,
)

BUILTIN_DIR = Path(__file__).resolve().parent / "mappings"
DEFAULT_DATE_FORMATS = ("%Y-%m-%d",)

# The stored values a mapped column may produce, per dispute field.
CHOICES = {
    "sector": Sector,
    "kind": DisputeKind,
    "status": DisputeStatus,
    "outcome": Outcome,
    "verification": Verification,
}
TEXT_VALUES = (
    "title",
    "description",
    "location",
    "city",
    "region",
    "country",
    "latitude",
    "longitude",
    "start_date",
    "end_date",
    "workers",
    "language",
)
LIST_VALUES = ("employers", "unions")
KEYS = {
    "name",
    "encoding",
    "delimiter",
    "source_key",
    "date_formats",
    "source",
    "end_before_start",
    *TEXT_VALUES,
    *LIST_VALUES,
    *CHOICES,
}
VALUE_KEYS = {"column", "template", "default", "suffix", "map", "split"}
STATUS_KEYS = VALUE_KEYS | {"ended_when_end_date", "ended_after_days"}
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


class MappingError(ValueError):
    """A mapping that cannot be used, with a message saying what to fix."""


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class Value:
    """Where one value of a row comes from: a column, a template over columns, a constant."""

    column: str = ""
    template: str = ""
    default: str = ""
    suffix: str = ""
    map: dict[str, str] = field(default_factory=dict)  # folded cell value → stored value
    split: str = ""

    def columns(self) -> set[str]:
        names = {self.column, self.suffix, *_PLACEHOLDER.findall(self.template)}
        return {name for name in names if name}

    def text(self, row: dict[str, str]) -> str:
        """The cell (or template, or default), with spacing tidied; the map is not applied."""
        value = _cell(row, self.column) if self.column else ""
        if not value and self.template:
            cells = {name: _cell(row, name) for name in _PLACEHOLDER.findall(self.template)}
            if any(cells.values()):
                value = _tidy(_PLACEHOLDER.sub(lambda match: cells[match[1]], self.template))
        if value and self.suffix:
            suffix = _cell(row, self.suffix)
            if suffix and f" {normalize_name(suffix)} " not in f" {normalize_name(value)} ":
                value = f"{value} {suffix}"
        return value or self.default

    def texts(self, row: dict[str, str]) -> list[str]:
        value = self.text(row)
        parts = value.split(self.split) if self.split else [value]
        return [_tidy(part) for part in parts if _tidy(part)]

    def mapped(self, text: str) -> str | None:
        """The stored value for a cell's text, or None when the map does not name it."""
        return self.map.get(_fold(text))


def _cell(row: dict[str, str], column: str) -> str:
    return _tidy(row.get(column) or "")


def _tidy(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Mapping:
    name: str
    source_key: Value
    key_prefix: str = ""
    # What a key seen twice in one file means: "reject" the later rows, or "number" them
    # (key, key/2, key/3…) when a source reuses one identifier for several stoppages.
    duplicates: str = "reject"
    values: dict[str, Value] = field(default_factory=dict)
    lists: dict[str, list[Value]] = field(default_factory=dict)
    date_formats: tuple[str, ...] = DEFAULT_DATE_FORMATS
    ended_when_end_date: bool = False
    ended_after_days: int | None = None
    # "reject" the row, or "drop_end": keep it without the end date, with a warning.
    end_before_start: str = "reject"
    source_url: Value | None = None
    source_kind: str = SourceKind.OTHER
    source_title: Value | None = None
    encoding: str = "utf-8-sig"
    delimiter: str = ","

    def value(self, name: str) -> Value | None:
        return self.values.get(name)

    def columns(self) -> set[str]:
        """Every column the mapping reads; the file must have them all."""
        names = set(self.source_key.columns())
        for value in self.values.values():
            names |= value.columns()
        for values in self.lists.values():
            for value in values:
                names |= value.columns()
        for value in (self.source_url, self.source_title):
            if value is not None:
                names |= value.columns()
        return names


def builtin_mappings() -> list[str]:
    return sorted(path.stem for path in BUILTIN_DIR.glob("*.json"))


def mapping_load(name_or_path: str) -> Mapping:
    """A built-in mapping by name, or a JSON mapping file by path. Raises MappingError."""
    path = BUILTIN_DIR / f"{name_or_path}.json"
    if name_or_path not in builtin_mappings():
        path = Path(name_or_path)
        if not path.is_file():
            raise MappingError(
                _(
                    "There is no mapping called “%(name)s”: give the name of a built-in "
                    "mapping (%(builtins)s) or the path of a JSON mapping file."
                )
                % {"name": name_or_path, "builtins": ", ".join(builtin_mappings())}
            )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise MappingError(
            _("The mapping file %(path)s is not UTF-8 text.") % {"path": path}
        ) from None
    except json.JSONDecodeError as error:
        raise MappingError(
            _(
                "The mapping file %(path)s is not valid JSON "
                "(line %(line)d, column %(column)d: %(error)s)."
            )
            % {"path": path, "line": error.lineno, "column": error.colno, "error": error.msg}
        ) from None
    return mapping_parse(data, default_name=path.stem)


def mapping_parse(data: object, *, default_name: str = "") -> Mapping:
    """Check a decoded JSON mapping and build it. Raises MappingError naming the bad key."""
    if not isinstance(data, dict):
        raise MappingError(_("A mapping must be a JSON object ({…})."))
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise MappingError(
            _("The mapping has unknown keys: %(keys)s. Known keys: %(known)s.")
            % {"keys": ", ".join(unknown), "known": ", ".join(sorted(KEYS))}
        )
    if "source_key" not in data:
        raise MappingError(
            _(
                "The mapping needs “source_key”: the column that identifies each row, so that "
                "importing the file again updates disputes instead of adding them twice."
            )
        )
    source_key, prefix, duplicates = _source_key(data["source_key"])
    values = {name: _value(data[name], name) for name in TEXT_VALUES if name in data}
    for name, choices in CHOICES.items():
        if name in data:
            values[name] = _choice(data[name], name, choices)
    lists = {name: _values(data[name], name) for name in LIST_VALUES if name in data}
    status = data.get("status") if isinstance(data.get("status"), dict) else {}
    ended_after_days = status.get("ended_after_days")
    if ended_after_days is not None and (
        not isinstance(ended_after_days, int) or ended_after_days < 0
    ):
        raise MappingError(_("“status.ended_after_days” must be a whole number of days."))
    date_formats = data.get("date_formats", list(DEFAULT_DATE_FORMATS))
    if isinstance(date_formats, str):
        date_formats = [date_formats]
    if not date_formats or not all(isinstance(f, str) and "%" in f for f in date_formats):
        raise MappingError(
            _('“date_formats” must list formats such as "%%d/%%m/%%Y" or "%%Y-%%m-%%d".')
        )
    end_before_start = data.get("end_before_start", "reject")
    if end_before_start not in ("reject", "drop_end"):
        raise MappingError(_('“end_before_start” must be "reject" or "drop_end".'))
    source_url, source_kind, source_title = _source(data.get("source"))
    delimiter = data.get("delimiter", ",")
    if not isinstance(delimiter, str) or len(delimiter) != 1:
        raise MappingError(_('“delimiter” must be one character, such as "," or ";".'))
    encoding = data.get("encoding", "utf-8-sig")
    try:
        "".encode(encoding)
    except (LookupError, TypeError):
        raise MappingError(
            _("“encoding” names no encoding Python knows: %(encoding)s.") % {"encoding": encoding}
        ) from None
    name = data.get("name", default_name)
    if not isinstance(name, str):
        raise MappingError(_("“name” must be text."))
    return Mapping(
        name=name or default_name,
        source_key=source_key,
        key_prefix=prefix,
        duplicates=duplicates,
        values=values,
        lists=lists,
        date_formats=tuple(date_formats),
        ended_when_end_date=bool(status.get("ended_when_end_date", False)),
        ended_after_days=ended_after_days,
        end_before_start=end_before_start,
        source_url=source_url,
        source_kind=source_kind,
        source_title=source_title,
        encoding=encoding,
        delimiter=delimiter,
    )


def _value(
    spec: object, key: str, *, allowed: set[str] = VALUE_KEYS, required: bool = True
) -> Value:
    if isinstance(spec, str):
        return Value(column=spec)
    if not isinstance(spec, dict):
        raise MappingError(
            _('“%(key)s” must be a column name or an object such as {"column": "…"}.')
            % {"key": key}
        )
    unknown = sorted(set(spec) - allowed)
    if unknown:
        raise MappingError(
            _("“%(key)s” has unknown keys: %(keys)s. Known keys: %(known)s.")
            % {"key": key, "keys": ", ".join(unknown), "known": ", ".join(sorted(allowed))}
        )
    for name in ("column", "template", "default", "suffix", "split"):
        if not isinstance(spec.get(name, ""), str):
            raise MappingError(_("“%(key)s.%(name)s” must be text.") % {"key": key, "name": name})
    table = spec.get("map", {})
    if not isinstance(table, dict) or not all(
        isinstance(source, str) and isinstance(target, str) for source, target in table.items()
    ):
        raise MappingError(
            _('“%(key)s.map” must map cell values to values, as {"Hospitals": "health"}.')
            % {"key": key}
        )
    value = Value(
        column=spec.get("column", ""),
        template=spec.get("template", ""),
        default=spec.get("default", ""),
        suffix=spec.get("suffix", ""),
        map={_fold(source): target for source, target in table.items()},
        split=spec.get("split", ""),
    )
    if required and not (value.column or value.template or value.default):
        raise MappingError(
            _("“%(key)s” needs a “column”, a “template” or a “default”.") % {"key": key}
        )
    return value


def _values(spec: object, key: str) -> list[Value]:
    if not isinstance(spec, list):
        return [_value(spec, key)]
    return [_value(item, f"{key}[{n}]") for n, item in enumerate(spec)]


def _choice(spec: object, key: str, choices) -> Value:
    if key == "status":
        # The status may come from rules alone ("ended_when_end_date").
        value = _value(spec, key, allowed=STATUS_KEYS, required=False)
    else:
        value = _value(spec, key)
    allowed = set(choices.values)
    for target in (value.default, *value.map.values()):
        if target and target not in allowed:
            raise MappingError(
                _("“%(key)s”: “%(value)s” is not one of %(allowed)s.")
                % {"key": key, "value": target, "allowed": ", ".join(sorted(allowed))}
            )
    return value


def _source_key(spec: object) -> tuple[Value, str, str]:
    allowed = VALUE_KEYS | {"prefix", "duplicates"}
    value = _value(spec, "source_key", allowed=allowed)
    if value.default and not (value.column or value.template):
        raise MappingError(_("“source_key” must read a column: each row needs its own key."))
    prefix = spec.get("prefix", "") if isinstance(spec, dict) else ""
    duplicates = spec.get("duplicates", "reject") if isinstance(spec, dict) else "reject"
    if not isinstance(prefix, str):
        raise MappingError(_("“source_key.prefix” must be text."))
    if duplicates not in ("reject", "number"):
        raise MappingError(_('“source_key.duplicates” must be "reject" or "number".'))
    return value, prefix, duplicates


def _source(spec: object) -> tuple[Value | None, str, Value | None]:
    if spec is None:
        return None, SourceKind.OTHER, None
    if not isinstance(spec, dict) or "url" not in spec:
        raise MappingError(
            _('“source” must be an object with a “url”, as {"url": {"column": "Link"}}.')
        )
    unknown = sorted(set(spec) - {"url", "kind", "title"})
    if unknown:
        raise MappingError(
            _("“source” has unknown keys: %(keys)s. Known keys: url, kind, title.")
            % {"keys": ", ".join(unknown)}
        )
    url = _constant_or_value(spec["url"], "source.url")
    title = _constant_or_value(spec["title"], "source.title") if "title" in spec else None
    kind = spec.get("kind", SourceKind.OTHER)
    if kind not in SourceKind.values:
        raise MappingError(
            _("“source.kind” must be one of %(allowed)s.")
            % {"allowed": ", ".join(SourceKind.values)}
        )
    return url, kind, title


def _constant_or_value(spec: object, key: str) -> Value:
    """In "source", plain text is the value itself (one link for every row), not a column."""
    if isinstance(spec, str):
        return Value(default=spec)
    return _value(spec, key)
