"""Each list's query parameters, declared as a ninja Schema: the OpenAPI document is made from them.

The fields say what each parameter is (its type, values, bounds and default) and ninja reads
them from the query string. The values are judged by the forms that pages and feeds use too
(the shared list filters), so a query means the same everywhere, and every bad parameter
comes back at once with the form's message, in the reader's language: as ninja validation
errors, which `api.py` answers with an `invalid-parameters` problem document.

    @router.get("", response=...)
    def dispute_list(request, query: Query[DisputeListQuery]):
        query.filters   # the list filters, with the place in `near` found
        query.limit, query.cursor
"""

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from ninja import Schema
from pydantic import Field, PrivateAttr, ValidationError, model_validator
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import InitErrorDetails, PydanticCustomError

from picketline.api.forms import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    CampaignFilterForm,
    OrganisationFilterForm,
    PageForm,
)
from picketline.api.forms import form_errors as _form_errors
from picketline.api.problems import unknown_place
from picketline.campaigns.choices import CampaignStatus
from picketline.disputes.choices import Demand, DisputeKind, DisputeStatus, Sector
from picketline.disputes.filtering import FilterError, filters_from_query
from picketline.disputes.filters import DisputeFilters, Sort
from picketline.events.choices import EventMode
from picketline.events.filters import EventFilters, event_filters_from_query
from picketline.organisations.chapters.forms import ChapterNearForm
from picketline.organisations.models import Organisation
from picketline.places.near import DEFAULT_RADIUS_KM, MAX_RADIUS_KM


def record_id(key: str) -> int | None:
    """The id in an `{id_or_slug}` path parameter, or None when it can only be a slug.

    ASCII digits only: `str.isdigit()` also says yes to "¹", which `int()` refuses.
    """
    return int(key) if key.isascii() and key.isdigit() else None


def _codes(choices) -> Any:
    """The values of a TextChoices (or of (value, label) pairs) as a Literal type."""
    values = getattr(choices, "values", None) or [value for value, _label in choices]
    return Literal[tuple(values)]


# A parameter left out: no null in the document, since a query string cannot say null.
Unset = SkipJsonSchema[None]

Limit = Annotated[
    int,
    Field(ge=1, le=MAX_LIMIT, description=_("From 1 to 100; 25 when left out.")),
]
Cursor = Annotated[
    str,
    Field(
        max_length=500,
        description=_("Where the page starts: take it from the previous page's “next” link."),
    ),
]
_NEAR = _(
    "A place name (“Leeds”) or coordinates as “lat,lon” (“53.80,-1.55”): only disputes "
    "with a site within radius_km, ordered nearest first."
)
_RADIUS = _("The radius around “near”, in kilometres (100 when left out).")
_COUNTRIES = _("Two-letter country codes of a site, separated by commas, such as GB,IE.")


def _invalid(title: str, errors: dict[str, list], data: dict) -> ValidationError:
    """The forms' messages as validation errors, one per message, under each parameter."""
    return ValidationError.from_exception_data(
        title,
        [
            InitErrorDetails(
                # The message goes in as context: a `{` in what was sent is not a placeholder.
                type=PydanticCustomError("invalid_parameter", "{message}", {"message": str(m)}),
                loc=(name,),
                input=data.get(name),
            )
            for name, messages in errors.items()
            for m in messages
        ],
    )


def _query_dict(data: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, value in data.items():
        query.setlist(name, value if isinstance(value, list) else [value])
    return query


class ListQuery(Schema):
    """A list's filters and page. Subclasses declare the filters' fields, then `limit` and
    `cursor`, and say how the shared forms read them (`read`) and what was understood
    (`understood`)."""

    _filters: Any = PrivateAttr(default=None)

    @property
    def filters(self):
        """What the list's selector takes: the shared filters, or the form's cleaned data."""
        return self._filters

    @classmethod
    def read(cls, query: QueryDict):
        """The filters in the query string; FilterError names each bad parameter."""
        raise NotImplementedError

    @classmethod
    def understood(cls, filters) -> dict:
        """The declared fields' values as the filters understood them; None for left out."""
        raise NotImplementedError

    @model_validator(mode="wrap")
    @classmethod
    def _judged_by_the_shared_forms(cls, data, handler):
        if isinstance(data, cls):
            return data
        data = dict(data or {})
        query = _query_dict(data)
        page = PageForm(query)
        page_errors = {} if page.is_valid() else _form_errors(page)
        try:
            filters = cls.read(query)
        except FilterError as error:
            # A place that is not known is its own problem, when it is the only one.
            if error.unknown_place and not page_errors:
                raise unknown_place(error.errors) from None
            raise _invalid(cls.__name__, {**error.errors, **page_errors}, data) from None
        if page_errors:
            raise _invalid(cls.__name__, page_errors, data)
        values = {
            **cls.understood(filters),
            "limit": page.cleaned_data.get("limit"),
            "cursor": page.cleaned_data.get("cursor"),
        }
        model = handler({name: value for name, value in values.items() if value is not None})
        model._filters = filters
        return model


class DisputeListQuery(ListQuery):
    status: list[_codes(DisputeStatus)] = Field(
        default_factory=list,
        description=_(
            "Dispute status; repeat the parameter or separate values with commas. Announced "
            "and active when left out."
        ),
    )
    kind: list[_codes(DisputeKind)] = Field(
        default_factory=list,
        description=_("Kind of dispute; repeat the parameter or separate values with commas."),
    )
    sector: list[_codes(Sector)] = Field(
        default_factory=list,
        description=_("Industry sector; repeat the parameter or separate values with commas."),
    )
    demand: list[_codes(Demand)] = Field(
        default_factory=list,
        description=_("What the workers demand; any of the values matches."),
    )
    country: str = Field(default="", max_length=200, description=_COUNTRIES)
    union: str = Field(
        default="", max_length=200, description=_("A union's id, slug or exact name.")
    )
    employer: str = Field(
        default="", max_length=200, description=_("An employer's id, slug or exact name.")
    )
    q: str = Field(
        default="",
        max_length=200,
        description=_(
            "Words that must all appear in the title, description or organisation names."
        ),
    )
    date_from: dt.date | Unset = Field(
        default=None,
        description=_("Only disputes still running on or after this date (YYYY-MM-DD)."),
    )
    date_to: dt.date | Unset = Field(
        default=None,
        description=_("Only disputes that started on or before this date (YYYY-MM-DD)."),
    )
    near: str = Field(default="", max_length=200, description=_NEAR)
    radius_km: float = Field(
        default=DEFAULT_RADIUS_KM, ge=0.1, le=MAX_RADIUS_KM, description=_RADIUS
    )
    sort: _codes(Sort.CHOICES) | Unset = Field(
        default=None,
        description=_(
            "newest (default), start (latest start date first) or distance (needs near)."
        ),
    )
    limit: Limit = DEFAULT_LIMIT
    cursor: Cursor = ""

    @classmethod
    def read(cls, query: QueryDict) -> DisputeFilters:
        return filters_from_query(query)

    @classmethod
    def understood(cls, filters: DisputeFilters) -> dict:
        return {
            "status": filters.statuses,
            "kind": filters.kinds,
            "sector": filters.sectors,
            "demand": filters.demands,
            "country": ",".join(filters.countries),
            "union": filters.union,
            "employer": filters.employer,
            "q": filters.q,
            "date_from": filters.date_from,
            "date_to": filters.date_to,
            "near": filters.near,
            "radius_km": filters.radius_km,
            "sort": filters.sort,
        }


class EventListQuery(ListQuery):
    date_from: dt.date | Unset = Field(
        default=None,
        description=_("Only events still running on or after this date (YYYY-MM-DD)."),
    )
    date_to: dt.date | Unset = Field(
        default=None, description=_("Only events starting on or before this date (YYYY-MM-DD).")
    )
    country: str = Field(
        default="",
        max_length=200,
        description=_("Two-letter country codes, separated by commas, such as GB,IE."),
    )
    mode: list[_codes(EventMode)] = Field(
        default_factory=list,
        description=_(
            "in_person, online or hybrid; repeat the parameter or separate values with commas."
        ),
    )
    organiser: str = Field(
        default="", max_length=220, description=_("The organising organisation's slug.")
    )
    dispute: str = Field(
        default="",
        max_length=220,
        description=_("Only events linked to the dispute with this slug."),
    )
    day: str = Field(
        default="",
        max_length=220,
        description=_("Only the local events of the day of action with this slug."),
    )
    q: str = Field(
        default="",
        max_length=200,
        description=_("Words in the title, description, town or organiser's name."),
    )
    past: bool = Field(
        default=False,
        description=_("true to include events that have ended; only upcoming ones when left out."),
    )
    near: str = Field(
        default="",
        max_length=200,
        description=_(
            "A place name (“Leeds”) or coordinates as “lat,lon” (“53.80,-1.55”): only events "
            "within radius_km, nearest first."
        ),
    )
    radius_km: float = Field(default=DEFAULT_RADIUS_KM, ge=1, le=MAX_RADIUS_KM, description=_RADIUS)
    limit: Limit = DEFAULT_LIMIT
    cursor: Cursor = ""

    @classmethod
    def read(cls, query: QueryDict) -> EventFilters:
        return event_filters_from_query(query)

    @classmethod
    def understood(cls, filters: EventFilters) -> dict:
        return {
            "date_from": filters.date_from,
            "date_to": filters.date_to,
            "country": ",".join(filters.countries),
            "mode": filters.modes,
            "organiser": filters.organiser,
            "dispute": filters.dispute,
            "day": filters.day,
            "q": filters.q,
            "past": filters.past,
            "near": filters.near,
            "radius_km": filters.radius_km,
        }


class OrganisationListQuery(ListQuery):
    kind: _codes(Organisation.Kind) | Unset = Field(default=None, description=_("Kind"))
    country: str = Field(
        default="",
        max_length=20,
        description=_("A two-letter country code, such as GB."),
    )
    q: str = Field(default="", max_length=200, description=_("Words in the name."))
    limit: Limit = DEFAULT_LIMIT
    cursor: Cursor = ""

    @classmethod
    def read(cls, query: QueryDict) -> dict:
        form = OrganisationFilterForm(query)
        if not form.is_valid():
            raise FilterError(_form_errors(form))
        return form.cleaned_data

    @classmethod
    def understood(cls, filters: dict) -> dict:
        return {
            "kind": filters["kind"] or None,
            "country": filters["country"],
            "q": filters["q"],
        }


class CampaignListQuery(ListQuery):
    status: _codes(CampaignStatus) | Unset = Field(default=None, description=_("Status"))
    sector: _codes(Sector) | Unset = Field(default=None, description=_("Sector"))
    country: str = Field(
        default="",
        max_length=20,
        description=_("A two-letter country code: campaigns with a dispute there."),
    )
    q: str = Field(default="", max_length=200, description=_("Words in the title or summary."))
    limit: Limit = DEFAULT_LIMIT
    cursor: Cursor = ""

    @classmethod
    def read(cls, query: QueryDict) -> dict:
        form = CampaignFilterForm(query)
        if not form.is_valid():
            raise FilterError(_form_errors(form))
        return form.cleaned_data

    @classmethod
    def understood(cls, filters: dict) -> dict:
        return {
            "status": filters["status"] or None,
            "sector": filters["sector"] or None,
            "country": filters["country"],
            "q": filters["q"],
        }


class ChapterListQuery(ListQuery):
    near: str = Field(
        default="",
        max_length=200,
        description=_(
            "A place name (“Leeds”) or coordinates as “lat,lon” (“53.80,-1.55”): only chapters "
            "within radius_km, nearest first, each with distance_km. All chapters in name "
            "order when left out."
        ),
    )
    radius_km: float = Field(
        default=DEFAULT_RADIUS_KM, ge=0.1, le=MAX_RADIUS_KM, description=_RADIUS
    )
    limit: Limit = DEFAULT_LIMIT
    cursor: Cursor = ""

    @classmethod
    def read(cls, query: QueryDict) -> ChapterNearForm:
        form = ChapterNearForm(query)
        if not form.is_valid():
            errors = _form_errors(form)
            raise FilterError(errors, unknown_place=form.unknown_place and list(errors) == ["near"])
        return form

    @classmethod
    def understood(cls, filters: ChapterNearForm) -> dict:
        data = filters.cleaned_data
        return {"near": data["near"], "radius_km": data["radius_km"] or DEFAULT_RADIUS_KM}
