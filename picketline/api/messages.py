"""`POST /api/v1/disputes/{id_or_slug}/messages`: a message of solidarity, checked by the page's
own form. The answer says only whether it waits for moderators; no email ever comes back."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema, Status
from pydantic import Field

from picketline.api.auth import optional_token_auth
from picketline.api.forms import form_errors
from picketline.api.params import record_id
from picketline.api.problems import CONTENT_TYPE, ProblemError, invalid_parameters, not_found
from picketline.core.i18n import current_language
from picketline.core.ratelimit import retry_after_seconds, submission_rate_limited
from picketline.disputes.selectors import dispute_public_queryset
from picketline.solidarity.messages.forms import MAX_BODY, MessageForm
from picketline.solidarity.messages.services import message_send

router = Router(tags=["messages"])


class MessageIn(Schema):
    body: str = Field(description=f"The message, in plain text (at most {MAX_BODY} characters).")
    sender_name: str = Field(default="", description="Published; leave empty to stay anonymous.")
    organisation_name: str = Field(default="", description="Published: union or workplace.")
    country: str = Field(default="", description="Published: a two-letter country code.")
    language: str = Field(
        default="", description="The message's language code; the request's language if left out."
    )
    sender_email: str = Field(
        default="",
        description="Private: only the strike committee sees it. Needs contact_consent.",
    )
    contact_consent: bool = Field(
        default=False, description="The strike committee may email the sender."
    )


class MessageCreated(Schema):
    id: int
    status: str = Field(
        description="pending while moderators check it; published when published at once."
    )


def _problem(status: int, description) -> dict:
    return {
        status: {
            "description": description,
            "content": {CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
    }


_RESPONSES = {
    **_problem(400, gettext_lazy("A field is not valid: see “errors”.")),
    **_problem(401, gettext_lazy("An API token was sent but is not valid.")),
    **_problem(404, gettext_lazy("No published dispute has this id or slug.")),
    **_problem(429, gettext_lazy("Too many messages from this address; see Retry-After.")),
}


def _too_many() -> ProblemError:
    return ProblemError(
        status=429,
        code="too-many-messages",
        title=_("Too many messages."),
        detail=_(
            "This address has sent too many messages for now. Nothing was stored: try again "
            "after the number of seconds in Retry-After."
        ),
        headers={"Retry-After": str(retry_after_seconds("message"))},
    )


@router.post(
    "/disputes/{id_or_slug}/messages",
    response={201: MessageCreated},
    url_name="message_create",
    summary=gettext_lazy("Send a message of solidarity"),
    description=gettext_lazy(
        "Sends a message of solidarity to a dispute's strikers, with the same checks as the "
        "dispute's page (photos only through the page). Moderators review it before it is "
        "published, unless it comes from the account of a verified union (send that account's "
        "API token as a bearer token). Messages without a token are rate-limited per address."
    ),
    auth=optional_token_auth,
    openapi_extra={"responses": _RESPONSES},
)
def message_create(request: HttpRequest, id_or_slug: str, payload: MessageIn):
    user = request.user if request.user.is_authenticated else None
    disputes = dispute_public_queryset()
    pk = record_id(id_or_slug)
    dispute = disputes.filter(pk=pk).first() if pk is not None else None
    dispute = dispute or disputes.filter(slug=id_or_slug).first()
    if dispute is None:
        raise not_found(_("No dispute has the id or slug “%(key)s”.") % {"key": id_or_slug})
    if user is None and submission_rate_limited(request, scope="message"):
        raise _too_many()
    data = payload.dict()
    data["language"] = data["language"] or current_language()
    form = MessageForm(data=data)
    if not form.is_valid():
        raise invalid_parameters(form_errors(form))
    message = message_send(dispute=dispute, user=user, via_api=True, **form.message_fields())
    return Status(
        201, {"id": message.pk, "status": "published" if message.published_at else "pending"}
    )
