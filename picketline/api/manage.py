"""Writes with a personal API token: disputes, their sites, picket shifts and strike days.

Each body is turned into the data of the web page's own form (for a PATCH, the record's
current values with the body's on top), so the API and the pages judge by the same rules,
and the form's messages come back per field in a problem document. Permissions come from
the same door as the pages: `dispute_get_for_user(..., write=True)`.

`POST /disputes` and `PATCH /disputes/{id}` share their addresses with the public reads, so
they are added to that router: Django sends an address to the first pattern that matches it,
and a second router's pattern for the same address would never be reached.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from picketline.accounts.roles import is_moderator
from picketline.api import disputes as public
from picketline.api import schemas
from picketline.api.auth import token_auth
from picketline.api.params import record_id
from picketline.api.problems import (
    conflict,
    forbidden,
    invalid_parameters,
    not_found,
    openapi_responses,
)
from picketline.core.conflicts import EditConflict
from picketline.disputes import services
from picketline.disputes.choices import (
    ActionKind,
    Demand,
    DisputeKind,
    DisputeStatus,
    Outcome,
    Precision,
    Recurrence,
    Sector,
    SourceKind,
    Verification,
)
from picketline.disputes.coordinators.forms import (
    DisputeForm,
    PicketShiftForm,
    SiteForm,
    SourceForm,
    StrikeActionForm,
)
from picketline.disputes.models import Dispute, PicketShift, Site
from picketline.disputes.selectors import dispute_get_for_user
from picketline.disputes.submissions.services import verified_unions_for

router = Router(tags=["writes"])

_WRITE = {"auth": token_auth}
_RESPONSES = openapi_responses(400, 401, 403, 404)


def _enum(choices, *, blank=False) -> dict:
    return {"enum": (["", *choices.values] if blank else list(choices.values))}


# --- bodies ----------------------------------------------------------------------------------


class Body(Schema):
    """Unknown fields are refused, so a misspelt one is not silently ignored."""

    model_config = ConfigDict(extra="forbid")


class DisputeFields(Body):
    title: str | None = None
    kind: str | None = Field(default=None, json_schema_extra=_enum(DisputeKind))
    status: str | None = Field(default=None, json_schema_extra=_enum(DisputeStatus))
    outcome: str | None = Field(default=None, json_schema_extra=_enum(Outcome))
    sector: str | None = Field(default=None, json_schema_extra=_enum(Sector, blank=True))
    workers_involved: int | None = None
    workers_approximate: bool | None = None
    demands: list[str] | None = Field(
        default=None, json_schema_extra={"items": {"type": "string", **_enum(Demand)}}
    )
    demands_other: str | None = None
    description: str | None = None
    language: str | None = Field(default=None, description="A language code such as en or es.")
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    authorised: bool | None = Field(default=None, description="null when not known.")
    sensitive: bool | None = Field(
        default=None, description="Publish only a coarse location and withhold names."
    )
    solidarity_email: str | None = Field(
        default=None,
        description="Private: messages of solidarity go here. Never returned by the API.",
    )
    verification: str | None = Field(
        default=None,
        json_schema_extra=_enum(Verification),
        description="Moderators only.",
    )


class DisputePatch(DisputeFields):
    version: int = Field(
        description=(
            "The version you last read (from `GET /disputes/{id}/version` or a write's "
            "answer). A dispute changed since then is refused with 409."
        )
    )


class SiteFields(Body):
    name: str | None = None
    address: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = Field(default=None, description="Two letters, such as GB.")
    latitude: float | None = None
    longitude: float | None = None
    precision: str | None = Field(default=None, json_schema_extra=_enum(Precision))
    timezone: str | None = Field(default=None, description="An IANA name: Europe/London.")


class SiteNew(SiteFields):
    latitude: float
    longitude: float


class SourceNew(Body):
    url: str
    kind: str = Field(
        default=SourceKind.OTHER.value,
        json_schema_extra=_enum(SourceKind),
        description="The source's tier.",
    )
    title: str = ""


class DisputeNew(DisputeFields):
    title: str
    employers: list[str] = Field(default_factory=list, description="Employers, by name.")
    unions: list[str] = Field(default_factory=list, description="Unions, by name.")
    country: str = Field(
        default="", description="Two letters: the country of organisations not yet known."
    )
    sites: list[SiteNew] = Field(default_factory=list)
    sources: list[SourceNew] = Field(default_factory=list)


_LOCAL_TIME = (
    "On the clock of `timezone`, such as 2026-03-02T06:00; a time with a UTC offset is "
    "taken as that instant."
)


class ShiftFields(Body):
    site: int | None = Field(default=None, description="The id of one of the dispute's sites.")
    starts_at: dt.datetime | None = Field(default=None, description=_LOCAL_TIME)
    ends_at: dt.datetime | None = Field(default=None, description=_LOCAL_TIME)
    timezone: str | None = Field(
        default=None, description="An IANA name; the site's zone when left out."
    )
    notes: str | None = None
    recurrence: str | None = Field(default=None, json_schema_extra=_enum(Recurrence))
    repeat_until: dt.date | None = Field(
        default=None, description="The last day of a weekly shift."
    )


class ShiftNew(ShiftFields):
    site: int
    starts_at: dt.datetime = Field(description=_LOCAL_TIME)
    ends_at: dt.datetime = Field(description=_LOCAL_TIME)


class ActionNew(Body):
    kind: str = Field(default=ActionKind.STRIKE_DAY.value, json_schema_extra=_enum(ActionKind))
    starts_at: dt.datetime = Field(description=_LOCAL_TIME)
    ends_at: dt.datetime = Field(description=_LOCAL_TIME)
    timezone: str | None = Field(
        default=None, description="An IANA name; the first site's zone when left out."
    )
    note: str = ""


# --- answers ---------------------------------------------------------------------------------


class DisputeWritten(schemas.DisputeDetail):
    version: int = Field(description="Send this back with your next PATCH.")


class DisputeVersion(Schema):
    id: int
    version: int
    updated_at: dt.datetime


class SiteOut(Schema):
    id: int
    dispute_id: int
    name: str
    address: str
    city: str
    region: str
    country: str
    latitude: float
    longitude: float
    precision: str
    timezone: str


class ShiftOut(Schema):
    id: int
    site_id: int
    starts_at: dt.datetime = Field(description="Local time, with the zone's UTC offset.")
    ends_at: dt.datetime = Field(description="Local time, with the zone's UTC offset.")
    timezone: str
    notes: str
    recurrence: str
    repeat_until: dt.date | None


class ActionOut(Schema):
    id: int
    kind: str
    starts_at: dt.datetime = Field(description="Local time, with the zone's UTC offset.")
    ends_at: dt.datetime = Field(description="Local time, with the zone's UTC offset.")
    timezone: str
    note: str


def _site_out(site: Site) -> dict:
    return {
        "id": site.pk,
        "dispute_id": site.dispute_id,
        **{name: getattr(site, name) for name in services.SITE_FIELDS},
    }


def _shift_out(shift: PicketShift) -> dict:
    zone = ZoneInfo(shift.timezone)
    return {
        "id": shift.pk,
        "site_id": shift.site_id,
        "starts_at": shift.starts_at.astimezone(zone),
        "ends_at": shift.ends_at.astimezone(zone),
        "timezone": shift.timezone,
        "notes": shift.notes,
        "recurrence": shift.recurrence,
        "repeat_until": shift.repeat_until,
    }


def _action_out(action) -> dict:
    zone = ZoneInfo(action.timezone)
    return {
        "id": action.pk,
        "kind": action.kind,
        "starts_at": action.starts_at.astimezone(zone),
        "ends_at": action.ends_at.astimezone(zone),
        "timezone": action.timezone,
        "note": action.note,
    }


def _dispute_out(request: HttpRequest, dispute: Dispute) -> dict:
    """The public view of the dispute, as `GET /disputes/{id}` gives it, and its version."""
    written = public.dispute_detail(request, str(dispute.pk))
    written["version"] = dispute.version
    return written


# --- forms from bodies -----------------------------------------------------------------------


def _current(form) -> dict:
    """An unbound form's values: the record as it is, for a PATCH to change."""
    return {name: form[name].value() for name in form.fields}


def _errors(form, prefix: str = "") -> dict[str, list[str]]:
    return {
        (f"{prefix}{name}" if name != "__all__" else (prefix.rstrip(".") or "request")): [
            str(message) for message in messages
        ]
        for name, messages in form.errors.items()
    }


def _service_errors(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            (name if name != "__all__" else "request"): [str(m) for m in messages]
            for name, messages in error.message_dict.items()
        }
    return {"request": [str(message) for message in error.messages]}


def _bound(form_class, body: dict, *, merge: bool = True, **kwargs):
    """The form bound to the record's current values (or a new one's defaults) with the
    body's on top; without `merge`, to the body alone."""
    current = _current(form_class(**kwargs)) if merge else {}
    return form_class(data={**current, **body}, **kwargs)


def _valid(form, prefix: str = ""):
    if not form.is_valid():
        raise invalid_parameters(_errors(form, prefix))
    return form


def _apply(service, **kwargs):
    """Calls a service; its validation errors become a 400 problem document."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        raise invalid_parameters(_service_errors(error)) from None


def _managed_dispute(request, id_or_slug: str) -> Dispute:
    """By id, or by slug as the public read finds it (a slug may be all digits too)."""
    if (pk := record_id(id_or_slug)) is not None:
        try:
            return dispute_get_for_user(user=request.auth, pk=pk, write=True)
        except Http404:
            pass
    return dispute_get_for_user(user=request.auth, slug=id_or_slug, write=True)


def _managed_site(request, site_id: int) -> Site:
    site = Site.objects.filter(pk=site_id).first()
    if site is None:
        raise not_found(_("No site has the id %(id)s.") % {"id": site_id})
    site.dispute = dispute_get_for_user(user=request.auth, pk=site.dispute_id, write=True)
    return site


def _managed_shift(request, shift_id: int) -> PicketShift:
    shift = PicketShift.objects.select_related("site").filter(pk=shift_id).first()
    if shift is None:
        raise not_found(_("No picket shift has the id %(id)s.") % {"id": shift_id})
    shift.site.dispute = dispute_get_for_user(
        user=request.auth, pk=shift.site.dispute_id, write=True
    )
    return shift


# --- disputes --------------------------------------------------------------------------------


@public.router.post(
    "",
    response={201: DisputeWritten},
    url_name="dispute_create",
    summary=gettext_lazy("Publish a dispute"),
    description=gettext_lazy(
        "For moderators, and for account holders of a verified union that the dispute names "
        "(it is published as union-verified, and they become its coordinators). Everyone "
        "else reports a dispute with `POST /submissions`, for moderation."
    ),
    openapi_extra={"responses": openapi_responses(400, 401, 403)},
    **_WRITE,
)
def dispute_create(request: HttpRequest, payload: DisputeNew):
    user = request.auth
    moderator = _check_may_publish(user, payload)
    arguments = _publish_arguments(payload, moderator=moderator)
    dispute = _apply(services.dispute_publish, user=user, coordinate=not moderator, **arguments)
    return Status(201, _dispute_out(request, dispute))


def _publish_arguments(payload: DisputeNew, *, moderator: bool) -> dict:
    """`dispute_publish`'s arguments from the body, checked by the pages' own forms."""
    body = payload.model_dump(exclude_unset=True)
    relations = {name: body.pop(name, []) for name in ("employers", "unions", "sites", "sources")}
    country = body.pop("country", "").strip().upper()
    form, sites, sources = _publish_forms(body, relations, moderator=moderator)
    fields = form.service_fields()
    if not moderator:
        fields["verification"] = Verification.UNION
    return {
        "employer_names": relations["employers"],
        "union_names": relations["unions"],
        "country": country,
        "demands": form.cleaned_data["demands"],
        "sites": sites,
        "sources": sources,
        **fields,
    }


def _check_may_publish(user, payload: DisputeNew) -> bool:
    """Whether `user` publishes as a moderator; refuses anyone who may not publish directly."""
    moderator = is_moderator(user)
    if not moderator and not verified_unions_for(user=user, names=payload.unions):
        raise forbidden(
            _(
                "Only moderators and account holders of a verified union named in the dispute "
                "publish directly. Report the dispute with POST /api/v1/submissions instead: "
                "a moderator will check it."
            ),
            code="use-submissions",
        )
    if not moderator and "verification" in payload.model_fields_set:
        raise invalid_parameters({"verification": [_("Only moderators set verification.")]})
    return moderator


def _publish_forms(body: dict, relations: dict, *, moderator: bool):
    """The dispute's form and its sites' and sources' cleaned data; every mistake at once, each
    under its own name ("title", "sites.0.latitude" …), as a 400 problem document."""
    form = _bound(DisputeForm, body, instance=Dispute(), can_verify=moderator)
    site_forms = [_bound(SiteForm, site) for site in relations["sites"]]
    source_forms = [_bound(SourceForm, source) for source in relations["sources"]]
    errors = {} if form.is_valid() else _errors(form)
    for kind, forms in (("sites", site_forms), ("sources", source_forms)):
        for n, part in enumerate(forms):
            if not part.is_valid():
                errors.update(_errors(part, f"{kind}.{n}."))
    if errors:
        raise invalid_parameters(errors)
    return form, [f.cleaned_data for f in site_forms], [f.cleaned_data for f in source_forms]


@public.router.patch(
    "/{id_or_slug}",
    response=DisputeWritten,
    url_name="dispute_update",
    summary=gettext_lazy("Change a dispute"),
    description=gettext_lazy(
        "For its coordinators and for moderators. Send only the fields to change, and the "
        "`version` you last read: if someone changed the dispute since, nothing is saved and "
        "the answer is 409."
    ),
    openapi_extra={"responses": openapi_responses(400, 401, 403, 404, 409)},
    **_WRITE,
)
def dispute_update(request: HttpRequest, id_or_slug: str, payload: DisputePatch):
    dispute = _managed_dispute(request, id_or_slug)
    moderator = is_moderator(request.auth)
    body = payload.model_dump(exclude_unset=True)
    if not moderator and "verification" in body:
        raise invalid_parameters({"verification": [_("Only moderators set verification.")]})
    form = _valid(_bound(DisputeForm, body, instance=dispute, can_verify=moderator))
    try:
        _apply(
            services.dispute_update,
            dispute=dispute,
            user=request.auth,
            version=form.cleaned_data["version"],
            demands=form.cleaned_data["demands"] if "demands" in body else None,
            **form.service_fields(),
        )
    except EditConflict as error:
        raise conflict(error.message) from None
    return _dispute_out(request, dispute)


@router.get(
    "/disputes/{id_or_slug}/version",
    response=DisputeVersion,
    url_name="dispute_version",
    summary=gettext_lazy("A dispute's version, to send with a change"),
    openapi_extra={"responses": _RESPONSES},
    **_WRITE,
)
def dispute_version(request: HttpRequest, id_or_slug: str):
    dispute = _managed_dispute(request, id_or_slug)
    return {"id": dispute.pk, "version": dispute.version, "updated_at": dispute.updated_at}


# --- sites -----------------------------------------------------------------------------------


@router.post(
    "/disputes/{id_or_slug}/sites",
    response={201: SiteOut},
    url_name="site_create",
    summary=gettext_lazy("Add a site to a dispute"),
    openapi_extra={"responses": _RESPONSES},
    **_WRITE,
)
def site_create(request: HttpRequest, id_or_slug: str, payload: SiteNew):
    dispute = _managed_dispute(request, id_or_slug)
    form = _valid(_bound(SiteForm, payload.model_dump(exclude_unset=True)))
    site = _apply(services.site_create, dispute=dispute, user=request.auth, **form.cleaned_data)
    return Status(201, _site_out(site))


@router.patch(
    "/sites/{site_id}",
    response=SiteOut,
    url_name="site_update",
    summary=gettext_lazy("Change a site"),
    openapi_extra={"responses": _RESPONSES},
    **_WRITE,
)
def site_update(request: HttpRequest, site_id: int, payload: SiteFields):
    site = _managed_site(request, site_id)
    form = _valid(_bound(SiteForm, payload.model_dump(exclude_unset=True), instance=site))
    _apply(services.site_update, site=site, user=request.auth, **form.cleaned_data)
    return _site_out(site)


@router.delete(
    "/sites/{site_id}",
    response={204: None},
    url_name="site_delete",
    summary=gettext_lazy("Remove a site, with its picket shifts"),
    openapi_extra={"responses": openapi_responses(401, 403, 404)},
    **_WRITE,
)
def site_delete(request: HttpRequest, site_id: int):
    site = _managed_site(request, site_id)
    services.site_delete(site=site, user=request.auth)
    return Status(204, None)


# --- picket shifts ---------------------------------------------------------------------------


@router.post(
    "/disputes/{id_or_slug}/shifts",
    response={201: ShiftOut},
    url_name="shift_create",
    summary=gettext_lazy("Add a picket shift"),
    openapi_extra={"responses": _RESPONSES},
    **_WRITE,
)
def shift_create(request: HttpRequest, id_or_slug: str, payload: ShiftNew):
    dispute = _managed_dispute(request, id_or_slug)
    # Not merged with the page's defaults: a shift's zone is its site's unless one is given.
    body = payload.model_dump(exclude_unset=True)
    form = _valid(_bound(PicketShiftForm, body, merge=False, dispute=dispute))
    shift = _apply(services.shift_create, user=request.auth, **form.service_fields())
    return Status(201, _shift_out(shift))


@router.patch(
    "/shifts/{shift_id}",
    response=ShiftOut,
    url_name="shift_update",
    summary=gettext_lazy("Change a picket shift"),
    description=gettext_lazy(
        "Times without a UTC offset are read on the clock of the shift's time zone (or of "
        "the new one, when `timezone` changes)."
    ),
    openapi_extra={"responses": _RESPONSES},
    **_WRITE,
)
def shift_update(request: HttpRequest, shift_id: int, payload: ShiftFields):
    shift = _managed_shift(request, shift_id)
    form = _valid(
        _bound(
            PicketShiftForm,
            payload.model_dump(exclude_unset=True),
            dispute=shift.site.dispute,
            instance=shift,
        )
    )
    _apply(services.shift_update, shift=shift, user=request.auth, **form.service_fields())
    return _shift_out(shift)


@router.delete(
    "/shifts/{shift_id}",
    response={204: None},
    url_name="shift_delete",
    summary=gettext_lazy("Remove a picket shift, with all its repeats"),
    openapi_extra={"responses": openapi_responses(401, 403, 404)},
    **_WRITE,
)
def shift_delete(request: HttpRequest, shift_id: int):
    shift = _managed_shift(request, shift_id)
    services.shift_delete(shift=shift, user=request.auth)
    return Status(204, None)


# --- strike actions --------------------------------------------------------------------------


@router.post(
    "/disputes/{id_or_slug}/actions",
    response={201: ActionOut},
    url_name="action_create",
    summary=gettext_lazy("Add a strike day or other action"),
    openapi_extra={"responses": _RESPONSES},
    **_WRITE,
)
def action_create(request: HttpRequest, id_or_slug: str, payload: ActionNew):
    dispute = _managed_dispute(request, id_or_slug)
    form = _valid(_bound(StrikeActionForm, payload.model_dump(exclude_unset=True), dispute=dispute))
    action = _apply(
        services.action_create, dispute=dispute, user=request.auth, **form.service_fields()
    )
    return Status(201, _action_out(action))
