"""`/api/v1/events`: listed events through the same filters as the pages and feeds, one event,
and RSVPs: answering and cancelling with the RSVP's private token.

No answer carries a private column: the online join link, a host's name and email, and who is
coming stay out of every one. An unlisted event is reached only by its slug (its
link), never by its id, so counting up ids finds no event its organisers kept off the lists.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema, Status
from pydantic import Field

from picketline.api.auth import optional_token_auth
from picketline.api.forms import form_errors
from picketline.api.pagination import Ordering, next_url, paginate
from picketline.api.params import EventListQuery, record_id
from picketline.api.problems import (
    CONTENT_TYPE,
    ProblemError,
    invalid_parameters,
    not_found,
)
from picketline.core.http import private_page
from picketline.core.ratelimit import retry_after_seconds, submission_rate_limited
from picketline.disputes.models import Dispute
from picketline.events.choices import EventVisibility, RsvpStatus
from picketline.events.models import Event, Rsvp, Speaker
from picketline.events.rsvps import services as rsvps
from picketline.events.rsvps.forms import AccountRsvpForm, RsvpForm
from picketline.events.rsvps.selectors import rsvp_get_by_token, rsvp_token
from picketline.events.selectors import event_public_queryset, event_search
from picketline.organisations.models import Organisation

router = Router(tags=["events"])

# --- what comes back ------------------------------------------------------------------------


class Organiser(Schema):
    name: str
    organisation: str | None = Field(
        description="The organising organisation's slug; null when a person organises it."
    )


class SpeakerOut(Schema):
    name: str
    role: str
    bio: str


class DisputeRef(Schema):
    id: int
    slug: str
    title: str


class DayOfActionRef(Schema):
    slug: str
    title: str


class EventItem(Schema):
    id: int
    slug: str
    url: str = Field(description="The event's page.")
    title: str
    description: str
    language: str = Field(description="The description's language code.")
    starts_at: dt.datetime = Field(description="Local time, with the zone's UTC offset.")
    ends_at: dt.datetime = Field(description="Local time, with the zone's UTC offset.")
    timezone: str = Field(description="The IANA time zone the event keeps, such as Europe/Paris.")
    mode: str = Field(description="in_person, online or hybrid.")
    status: str = Field(description="scheduled, postponed or cancelled.")
    status_note: str = Field(description="Why it was postponed or cancelled.")
    venue: str
    address: str
    locality: str
    country: str
    latitude: float | None
    longitude: float | None
    capacity: int | None = Field(description="Places in all; null when there is no limit.")
    places_left: int | None = Field(description="Places not yet taken; null with no limit.")
    waiting: int = Field(description="People on the waiting list.")
    organiser: Organiser
    sponsors: list[str] = Field(description="The sponsoring organisations' names.")
    speakers: list[SpeakerOut]
    disputes: list[DisputeRef]
    day_of_action: DayOfActionRef | None
    distance_km: float | None = Field(
        default=None, description="From the place in `near`, when one was given."
    )


class NearPlace(Schema):
    text: str
    latitude: float
    longitude: float
    radius_km: float


class EventPage(Schema):
    items: list[EventItem]
    limit: int
    next: str | None = Field(description="The next page's address; null on the last page.")
    next_cursor: str | None
    near: NearPlace | None = Field(
        default=None, description="Where `near` was understood to be, when it was given."
    )


class RsvpIn(Schema):
    name: str = Field(
        default="",
        max_length=100,
        description=(
            "Shown only to the organisers. Needed without a token; with one, the account's "
            "name is used when it is left out."
        ),
    )
    email: str = Field(
        default="",
        max_length=254,
        description=(
            "Needed without a token: the link that confirms the place is sent there. Never "
            "shown publicly, never sent back. Ignored with a token."
        ),
    )


class RsvpPending(Schema):
    status: str = Field(description="Always pending: the place is taken by the emailed link.")
    detail: str


class RsvpOut(Schema):
    id: int
    status: str = Field(description="confirmed, or waitlisted when the event is full.")
    position: int | None = Field(description="Place on the waiting list (1 is next), if waiting.")
    token: str = Field(
        description=(
            "The RSVP's private token: cancel with DELETE …/rsvps/{token}. Keep it secret."
        )
    )


class RsvpCancelled(Schema):
    status: str = Field(description="Always cancelled.")


def _problem(status: int, description) -> dict:
    return {
        status: {
            "description": description,
            "content": {CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
    }


# --- looking events up ----------------------------------------------------------------------


def _public_prefetches(queryset: QuerySet[Event]) -> QuerySet[Event]:
    """Everything an item shows, each relation in one query whatever the page size."""
    return queryset.prefetch_related(
        Prefetch("speakers", queryset=Speaker.objects.order_by("order", "id")),
        Prefetch("sponsors", queryset=Organisation.objects.only("id", "name").order_by("name")),
        Prefetch("disputes", queryset=Dispute.objects.only("id", "slug", "title").order_by("id")),
    )


def _event_get(key: str, *, shown: bool = True) -> Event:
    """A published event by slug, or a listed one by id; 404 for anything else. `shown` loads
    what an item shows with it."""
    events = event_public_queryset()
    if shown:
        events = _public_prefetches(events)
    event = None
    if (pk := record_id(key)) is not None:
        event = events.filter(pk=pk, visibility=EventVisibility.PUBLIC).first()
    if event is None:
        event = events.filter(slug=key).first()
    if event is None:
        raise not_found(_("No published event has the id or slug “%(key)s”.") % {"key": key})
    return event


def _waiting_counts(events: list[Event]) -> dict[int, int]:
    rows = (
        Rsvp.objects.filter(event__in=[e.pk for e in events], status=RsvpStatus.WAITLISTED)
        .values("event")
        .annotate(n=Count("id"))
        .values_list("event", "n")
    )
    return dict(rows)


# Public columns copied as they are; never join_url, host_name or host_email.
_PLAIN_FIELDS = (
    "title",
    "description",
    "language",
    "timezone",
    "mode",
    "status",
    "status_note",
    "venue",
    "address",
    "locality",
    "country",
    "latitude",
    "longitude",
    "capacity",
)


def _item(request: HttpRequest, event: Event, *, waiting: int) -> dict:
    zone = ZoneInfo(event.timezone)
    item = {
        "id": event.pk,
        "slug": event.slug,
        "url": request.build_absolute_uri(event.get_absolute_url()),
        **{name: getattr(event, name) for name in _PLAIN_FIELDS},
        "starts_at": event.starts_at.astimezone(zone),
        "ends_at": event.ends_at.astimezone(zone),
        "places_left": event.seats_left,
        "waiting": waiting,
        "organiser": {
            "name": event.organiser_label,
            "organisation": event.organisation.slug if event.organisation_id else None,
        },
        "sponsors": [organisation.name for organisation in event.sponsors.all()],
        "speakers": [{"name": s.name, "role": s.role, "bio": s.bio} for s in event.speakers.all()],
        "disputes": [{"id": d.pk, "slug": d.slug, "title": d.title} for d in event.disputes.all()],
        "day_of_action": (
            {"slug": event.day_of_action.slug, "title": event.day_of_action.title}
            if event.day_of_action_id
            else None
        ),
    }
    distance = getattr(event, "distance_km", None)
    if distance is not None:
        item["distance_km"] = round(distance, 3)
    return item


# --- the list -------------------------------------------------------------------------------


def _after_distance(key: list) -> Q:
    distance, starts_at, pk = key
    return (
        Q(distance_km__gt=distance)
        | Q(distance_km=distance, starts_at__gt=starts_at)
        | Q(distance_km=distance, starts_at=starts_at, id__gt=pk)
    )


def _aware(value) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("naive datetime")
    return parsed


def _number(value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("not a number")
    return float(value)


def _distance_key(raw) -> list:
    if not isinstance(raw, list) or len(raw) != 3 or not isinstance(raw[2], int):
        raise ValueError("malformed key")
    return [_number(raw[0]), _aware(raw[1]), raw[2]]


def _start_key(raw) -> list:
    if not isinstance(raw, list) or len(raw) != 2 or not isinstance(raw[1], int):
        raise ValueError("malformed key")
    return [_aware(raw[0]), raw[1]]


EVENTS_START = Ordering(
    name="events-start",
    order_by=("starts_at", "id"),
    key=lambda e: [e.starts_at.isoformat(), e.id],
    after=lambda k: Q(starts_at__gt=k[0]) | Q(starts_at=k[0], id__gt=k[1]),
    parse=_start_key,
)
# The exact float, not a rounded one: the next page compares against the same value.
EVENTS_DISTANCE = Ordering(
    name="events-distance",
    order_by=("distance_km", "starts_at", "id"),
    key=lambda e: [e.distance_km, e.starts_at.isoformat(), e.id],
    after=_after_distance,
    parse=_distance_key,
)


@router.get(
    "",
    response=EventPage,
    url_name="event_list",
    summary=gettext_lazy("List events"),
    description=gettext_lazy(
        "Published, listed events matching the filters the events pages use: upcoming ones, "
        "soonest first, or nearest first when “near” is given. Pages follow the “next” link. "
        "Who is coming, the online join link and hosts' contact details are never included."
    ),
    openapi_extra={
        "responses": _problem(
            400, gettext_lazy("A parameter is not valid, or the place in “near” is not known.")
        ),
    },
)
def event_list(request: HttpRequest, query: Query[EventListQuery]):
    filters = query.filters
    page = paginate(
        _public_prefetches(event_search(filters=filters)),
        ordering=EVENTS_DISTANCE if filters.point is not None else EVENTS_START,
        cursor=query.cursor,
        limit=query.limit,
    )
    waiting = _waiting_counts(page.items)
    near = None
    if filters.point is not None:
        near = {
            "text": filters.near,
            "latitude": filters.point[0],
            "longitude": filters.point[1],
            "radius_km": filters.radius_km,
        }
    return {
        "items": [_item(request, e, waiting=waiting.get(e.pk, 0)) for e in page.items],
        "limit": query.limit,
        "next": next_url(request, page.next_cursor),
        "next_cursor": page.next_cursor,
        "near": near,
    }


# --- one event ------------------------------------------------------------------------------


@router.get(
    "/{id_or_slug}",
    response=EventItem,
    url_name="event_detail",
    summary=gettext_lazy("One event"),
    description=gettext_lazy(
        "A published event by id or slug. An unlisted event answers only to its slug, as its "
        "page does to its link."
    ),
    openapi_extra={"responses": _problem(404, gettext_lazy("No published event is there."))},
)
def event_detail(request: HttpRequest, id_or_slug: str):
    event = _event_get(id_or_slug)
    return _item(request, event, waiting=_waiting_counts([event]).get(event.pk, 0))


# --- RSVPs ----------------------------------------------------------------------------------


def _too_many() -> ProblemError:
    return ProblemError(
        status=429,
        code="too-many-rsvps",
        title=_("Too many RSVPs."),
        detail=_(
            "This address has sent too many RSVPs for now. Nothing was stored: try again "
            "after the number of seconds in Retry-After."
        ),
        headers={"Retry-After": str(retry_after_seconds("rsvp"))},
    )


def _closed(error: ValidationError) -> ProblemError:
    """The event takes no RSVPs: gone from view (404) or over or cancelled (409)."""
    detail = " ".join(str(message) for message in error.messages)
    if error.code == "unpublished":
        return not_found(detail)
    return ProblemError(
        status=409,
        code="rsvps-closed",
        title=_("This event takes no RSVPs."),
        detail=detail,
    )


def _field_errors(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            name: [str(m) for m in ValidationError(e).messages]
            for name, e in error.error_dict.items()
        }
    return {"request": [str(message) for message in error.messages]}


def _service_error(error: ValidationError) -> ProblemError:
    if hasattr(error, "error_dict"):
        return invalid_parameters(_field_errors(error))
    return _closed(error)


def _answer(result: rsvps.RsvpResult) -> Status:
    rsvp = result.rsvp
    return Status(
        200 if result.existing else 201,
        {
            "id": rsvp.pk,
            "status": rsvp.status,
            "position": result.position,
            "token": rsvp_token(rsvp),
        },
    )


def _rsvp_account(request: HttpRequest, event: Event, payload: RsvpIn) -> Status:
    form = AccountRsvpForm(data={"name": payload.name})
    if not form.is_valid():
        raise invalid_parameters(form_errors(form))
    try:
        result = rsvps.rsvp_create(event=event, user=request.user, name=form.cleaned_data["name"])
    except ValidationError as error:
        raise _service_error(error) from None
    return _answer(result)


def _rsvp_email(request: HttpRequest, event: Event, payload: RsvpIn) -> Status:
    if submission_rate_limited(request, scope="rsvp"):
        raise _too_many()
    form = RsvpForm(data={"name": payload.name, "email": payload.email})
    if not form.is_valid():
        raise invalid_parameters(form_errors(form))
    try:
        rsvps.rsvp_create(
            event=event, name=form.cleaned_data["name"], email=form.cleaned_data["email"]
        )
    except ValidationError as error:
        raise _service_error(error) from None
    # The same answer whether or not the address had answered before: it learns nothing.
    return Status(
        202,
        {
            "status": RsvpStatus.PENDING.value,
            "detail": _(
                "Check your email: follow the link we sent to take your place. The link to "
                "cancel comes with the confirmation."
            ),
        },
    )


@router.post(
    "/{id_or_slug}/rsvps",
    response={200: RsvpOut, 201: RsvpOut, 202: RsvpPending},
    url_name="event_rsvp_create",
    summary=gettext_lazy("RSVP to an event"),
    description=gettext_lazy(
        "Answers “I'm coming”. With a personal API token the account takes a place at once, "
        "or a place on the waiting list when the event is full, and gets the RSVP's private "
        "token to cancel with (200 when the account had already answered). Without a token, "
        "give a name and an email: the answer is 202 whether or not the address had answered "
        "before, and the place is taken when the emailed link is followed; the private token "
        "arrives by email. Answers without a token are rate-limited per address."
    ),
    auth=optional_token_auth,
    openapi_extra={
        "responses": {
            **_problem(400, gettext_lazy("A field is not valid: see “errors”.")),
            **_problem(401, gettext_lazy("An API token was sent but is not valid.")),
            **_problem(404, gettext_lazy("No published event is there.")),
            **_problem(409, gettext_lazy("The event is over or cancelled.")),
            **_problem(429, gettext_lazy("Too many RSVPs from this address; see Retry-After.")),
        }
    },
)
def event_rsvp_create(
    request: HttpRequest, response: HttpResponse, id_or_slug: str, payload: RsvpIn
):
    event = _event_get(id_or_slug, shown=False)
    private_page(response)
    if request.user.is_authenticated:
        return _rsvp_account(request, event, payload)
    return _rsvp_email(request, event, payload)


@router.delete(
    "/{id_or_slug}/rsvps/{token}",
    response=RsvpCancelled,
    url_name="event_rsvp_cancel",
    summary=gettext_lazy("Cancel an RSVP"),
    description=gettext_lazy(
        "Cancels the RSVP whose private token (from its emails, or from the answer to an RSVP "
        "made with an API token) is given. A place it held goes to the first person on the "
        "waiting list, who is emailed. Cancelling again changes nothing."
    ),
    openapi_extra={
        "responses": _problem(404, gettext_lazy("No RSVP to this event has this token."))
    },
)
def event_rsvp_cancel(request: HttpRequest, response: HttpResponse, id_or_slug: str, token: str):
    rsvp = rsvp_get_by_token(raw=token)
    if rsvp is None or id_or_slug not in (str(rsvp.event_id), rsvp.event.slug):
        raise not_found(_("No RSVP to this event has this token."))
    private_page(response)
    rsvps.rsvp_cancel(rsvp=rsvp)
    return {"status": RsvpStatus.CANCELLED.value}
