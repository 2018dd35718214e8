"""`POST /api/v1/submissions`: "Add a strike" for programs, checked by the page's own form.

The JSON body is turned into the form's data, so a report is judged by exactly the rules the
page applies. What comes back is the report's private status page and, when a verified union's
account published it at once, the dispute's page. Contact details never come back.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema, Status
from pydantic import Field

from picketline.api.auth import optional_token_auth
from picketline.api.forms import form_errors
from picketline.api.problems import CONTENT_TYPE, ProblemError, invalid_parameters
from picketline.core.i18n import current_language
from picketline.core.ratelimit import retry_after_seconds, submission_rate_limited
from picketline.disputes.choices import Demand, DisputeKind, DisputeStatus, Sector
from picketline.disputes.submissions.forms import MAX_SOURCES, SubmissionForm
from picketline.disputes.submissions.services import submission_create
from picketline.moderation.models import ItemStatus
from picketline.moderation.services import item_for_object

router = Router(tags=["submissions"])

# The body's names where they differ from the form's.
_FORM_NAMES = {"place": "place_name"}
_BODY_NAMES = {form: body for body, form in _FORM_NAMES.items()} | {"__all__": "request"}


class SubmissionIn(Schema):
    employer: str = Field(
        description="The company or organisation the workers are in dispute with."
    )
    place: str = Field(
        default="",
        description=(
            "The town or city, such as “Leeds” or “Springfield, US”, or “lat,lon”. "
            "Give this, or latitude and longitude, or both."
        ),
    )
    latitude: float | None = Field(
        default=None, description="Where the dispute is, exactly; with longitude."
    )
    longitude: float | None = Field(
        default=None, description="Where the dispute is, exactly; with latitude."
    )
    kind: str = Field(
        description="What is happening.", json_schema_extra={"enum": list(DisputeKind.values)}
    )
    start_date: dt.date | None = Field(
        default=None, description="The first day of the action; today when left out."
    )
    description: str = Field(
        description="What it is about, in plain text (at most 5,000 characters)."
    )
    unions: list[str] = Field(default_factory=list, description="The unions involved, by name.")
    dispute_status: str = Field(
        default=DisputeStatus.ACTIVE.value, json_schema_extra={"enum": list(DisputeStatus.values)}
    )
    end_date: dt.date | None = None
    workers_involved: int | None = Field(default=None, description="From 1 to 10,000,000.")
    sector: str = Field(default="", json_schema_extra={"enum": ["", *Sector.values]})
    demands: list[str] = Field(
        default_factory=list,
        json_schema_extra={"items": {"type": "string", "enum": list(Demand.values)}},
    )
    demands_other: str = ""
    picket_address: str = ""
    picket_starts_at: dt.datetime | None = Field(
        default=None,
        description=(
            "When the picket starts. Without a UTC offset it is read as local time at the place; "
            "give picket_ends_at too."
        ),
    )
    picket_ends_at: dt.datetime | None = None
    picket_weekly: bool = Field(default=False, description="The picket repeats every week.")
    sources: list[str] = Field(
        default_factory=list,
        description=f"Web addresses (http or https) reporting the dispute; at most {MAX_SOURCES}.",
    )
    solidarity_email: str = Field(
        default="",
        description="Private: where messages of solidarity are delivered. Never published.",
    )
    sensitive: bool = Field(
        default=False,
        description="Workers could face retaliation: only the town is published, and no names.",
    )
    language: str = Field(
        default="",
        description="The description's language code; the request's language when left out.",
    )
    submitter_name: str = Field(default="", description="Private; optional.")
    submitter_email: str = Field(
        default="",
        description=(
            "Private; optional. Gets a receipt with the status page's link, and questions about "
            "this report only. Needs contact_consent."
        ),
    )
    contact_consent: bool = Field(
        default=False,
        description="The submitter agrees to be emailed about this report (needed with an email).",
    )


class SubmissionCreated(Schema):
    id: int
    status: str = Field(
        description="pending while moderators check it; approved when published at once."
    )
    status_url: str = Field(
        description="The report's private status page. Keep it secret: it shows what was sent."
    )
    dispute_url: str | None = Field(description="The published dispute's page, if there is one.")


def _problem_response(status: int, description) -> dict:
    return {
        status: {
            "description": description,
            "content": {CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
    }


_RESPONSES = {
    **_problem_response(400, gettext_lazy("A field is not valid: see “errors”.")),
    **_problem_response(401, gettext_lazy("An API token was sent but is not valid.")),
    **_problem_response(429, gettext_lazy("Too many reports from this address; see Retry-After.")),
}


def _form_data(payload: SubmissionIn) -> dict:
    pinned = payload.latitude is not None or payload.longitude is not None
    return {
        "employer": payload.employer,
        "place_name": payload.place,
        "latitude": "" if payload.latitude is None else payload.latitude,
        "longitude": "" if payload.longitude is None else payload.longitude,
        "pin_moved": pinned,
        "kind": payload.kind,
        "start_date": (payload.start_date or timezone.localdate()).isoformat(),
        "description": payload.description,
        "unions": ", ".join(name.strip() for name in payload.unions if name.strip()),
        "dispute_status": payload.dispute_status,
        "end_date": payload.end_date.isoformat() if payload.end_date else "",
        "workers_involved": "" if payload.workers_involved is None else payload.workers_involved,
        "sector": payload.sector,
        "demands": payload.demands,
        "demands_other": payload.demands_other,
        "picket_address": payload.picket_address,
        "picket_starts_at": payload.picket_starts_at or "",
        "picket_ends_at": payload.picket_ends_at or "",
        "picket_weekly": payload.picket_weekly,
        "sources": payload.sources,
        "solidarity_email": payload.solidarity_email,
        "sensitive": payload.sensitive,
        "language": payload.language or current_language(),
        "submitter_name": payload.submitter_name,
        "submitter_email": payload.submitter_email,
        "contact_consent": payload.contact_consent,
    }


def _errors(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    return {_BODY_NAMES.get(name, name): messages for name, messages in errors.items()}


def _service_errors(error: ValidationError) -> dict[str, list[str]]:
    if not hasattr(error, "error_dict"):
        return {"request": [str(message) for message in error.messages]}
    return _errors(
        {
            name: [str(message) for message in ValidationError(errors).messages]
            for name, errors in error.error_dict.items()
        }
    )


def _too_many() -> ProblemError:
    return ProblemError(
        status=429,
        code="too-many-submissions",
        title=_("Too many reports."),
        detail=_(
            "This address has sent too many reports for now. Nothing was stored: try again "
            "after the number of seconds in Retry-After."
        ),
        headers={"Retry-After": str(retry_after_seconds())},
    )


@router.post(
    "",
    response={201: SubmissionCreated},
    url_name="submission_create",
    summary=gettext_lazy("Report a dispute"),
    description=gettext_lazy(
        "Adds a strike or other dispute, as the “Add a strike” page does, with the same "
        "checks. Moderators review it before it is published, unless it comes from the account "
        "of a verified union named in it (send that account's API token as a bearer token). "
        "Reports without a token are rate-limited per address."
    ),
    auth=optional_token_auth,
    openapi_extra={"responses": _RESPONSES},
)
def submission_create_endpoint(request: HttpRequest, payload: SubmissionIn):
    # Set by the authentication: a token's user, or anonymous. The session cookie plays no part.
    user = request.user if request.user.is_authenticated else None
    if user is None and submission_rate_limited(request):
        raise _too_many()
    form = SubmissionForm(data=_form_data(payload))
    if not form.is_valid():
        raise invalid_parameters(_errors(form_errors(form)))
    try:
        submission, token = submission_create(user=user, via_api=True, **form.submission_fields())
    except ValidationError as error:
        raise invalid_parameters(_service_errors(error)) from None
    return Status(201, _created(request, submission, token))


def _created(request: HttpRequest, submission, token: str) -> dict:
    """Where the report stands, with its private status page and, once published, its page."""
    item = item_for_object(submission)
    if item is not None:
        status = item.status
    else:
        status = ItemStatus.APPROVED if submission.dispute_id else ItemStatus.PENDING
    status_path = reverse("submissions:status", kwargs={"token": token})
    dispute = submission.dispute
    return {
        "id": submission.pk,
        "status": str(status),
        "status_url": request.build_absolute_uri(status_path),
        "dispute_url": (
            request.build_absolute_uri(dispute.get_absolute_url()) if dispute else None
        ),
    }
