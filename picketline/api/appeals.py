"""`POST /api/v1/appeals/{id}/signatures`: a supporter signs an appeal, checked by the page's
own form; the signature counts once the emailed link is followed. No address ever comes back."""

from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema, Status
from pydantic import Field

from picketline.api.auth import optional_token_auth
from picketline.api.forms import form_errors
from picketline.api.problems import (
    ProblemError,
    invalid_parameters,
    not_found,
    problem_documented,
)
from picketline.appeals.forms import SignForm
from picketline.appeals.models import Appeal
from picketline.appeals.services import signature_submit
from picketline.core.ratelimit import retry_after_seconds, submission_rate_limited

router = Router(tags=["appeals"])


class SignatureIn(Schema):
    name: str = Field(max_length=200, description="Sent to the targets with the message.")
    email: str = Field(
        max_length=254,
        description="Private: the link confirming the signature is sent here; never published "
        "nor sent to the targets.",
    )
    country: str = Field(max_length=2, description="ISO 3166 two-letter code; counted publicly.")
    paragraph: str = Field(
        default="",
        max_length=4000,
        description="A paragraph of one's own, when the appeal allows one, within its limit.",
    )


class SignatureAccepted(Schema):
    status: Literal["pending"] = Field(
        description="Always pending: the signature counts once the emailed link is followed."
    )


@router.post(
    "/{appeal_id}/signatures",
    response={202: SignatureAccepted},
    url_name="appeal_sign",
    summary=gettext_lazy("Sign an appeal"),
    description=gettext_lazy(
        "A supporter ({name, email, country, paragraph}) signs the appeal, with the same checks "
        "as its page. The answer is the same whether or not the address had signed already, "
        "and nobody is counted twice. A field missing or not valid is answered 400 naming it, "
        "an appeal not open for signatures 409, and nothing is stored. Rate-limited per "
        "address unless sent with an API token."
    ),
    auth=optional_token_auth,
    openapi_extra={
        "responses": {
            **problem_documented(
                400, gettext_lazy("A field is missing or not valid: see “errors”.")
            ),
            **problem_documented(401, gettext_lazy("An API token was sent but is not valid.")),
            **problem_documented(404, gettext_lazy("No appeal has this number.")),
            **problem_documented(409, gettext_lazy("The appeal is not open for signatures.")),
            **problem_documented(429, gettext_lazy("Too many signatures from this address.")),
        }
    },
)
def appeal_sign(request: HttpRequest, appeal_id: int, payload: SignatureIn):
    appeal = Appeal.objects.filter(pk=appeal_id).first()
    if appeal is None:
        raise not_found(_("No appeal has the number %(key)s.") % {"key": appeal_id})
    if not request.user.is_authenticated and submission_rate_limited(request, scope="appeal-sign"):
        raise ProblemError(
            status=429,
            code="too-many-signatures",
            title=_("Too many signatures."),
            detail=_(
                "This address has sent too many signatures for now. Nothing was stored: try "
                "again after the number of seconds in Retry-After."
            ),
            headers={"Retry-After": str(retry_after_seconds("appeal-sign"))},
        )
    form = SignForm(
        data={
            "name": payload.name,
            "email": payload.email,
            "country": payload.country.upper(),
            "paragraph": payload.paragraph,
        },
        appeal=appeal,
    )
    errors = form_errors(form) if not form.is_valid() else {}
    if payload.paragraph and "paragraph" not in form.fields:
        errors["paragraph"] = [_("This appeal is signed as it is, without a paragraph.")]
    if errors:
        raise invalid_parameters(errors)
    try:
        signature_submit(appeal=appeal, **form.sign_fields())
    except ValidationError as error:
        if getattr(error, "code", None) == "closed":
            raise ProblemError(
                status=409,
                code="appeal-closed",
                title=_("This appeal is not open for signatures."),
                detail=error.messages[0],
            ) from None
        raise invalid_parameters(
            {
                name: [str(m) for m in ValidationError(e).messages]
                for name, e in error.error_dict.items()
            }
            if hasattr(error, "error_dict")
            else {"request": [str(m) for m in error.messages]}
        ) from None
    return Status(202, {"status": "pending"})
