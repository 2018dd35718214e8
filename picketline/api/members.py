"""Membership through the API:

- `POST /api/v1/organisations/{id_or_slug}/members`: someone joins from the organisation's own
  website; confirmed by the same emailed link as the join page. Rate-limited per address
  unless sent with an organisation admin's token. The answer is the same whether or not the
  address already belongs to a member, and never echoes anything about members.
- `POST /api/v1/organisations/{id_or_slug}/payments`: a treasurer (or an admin, or the
  member's chapter organiser) records dues paid in cash or by bank transfer.
"""

import datetime as dt
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema, Status
from pydantic import Field

from picketline.api.auth import optional_token_auth, token_auth
from picketline.api.problems import (
    ProblemError,
    invalid_parameters,
    not_found,
    problem_documented,
)
from picketline.core.ratelimit import retry_after_seconds, submission_rate_limited
from picketline.membership.dues.models import DuesPlan
from picketline.membership.dues.services import dues_entry_record, may_record_payment
from picketline.membership.members.models import MembershipSource
from picketline.membership.members.selectors import (
    membership_access_for,
    membership_get_for_access,
    organisation_get,
    organisation_joinable,
)
from picketline.membership.members.services import membership_join
from picketline.places.near import NearError, near_resolve

router = Router(tags=["membership"])


class JoinIn(Schema):
    name: str = Field(max_length=100, description="The person's name.")
    email: str = Field(max_length=254, description="Where the confirmation link is sent.")
    place: str = Field(
        max_length=200, description="Where they live or work: suggests the nearest chapter."
    )
    chapter: str | None = Field(
        default=None, max_length=220, description="A chapter's slug; the nearest when left out."
    )
    plan: str | None = Field(
        default=None, max_length=120, description="A dues plan's id or name; none when left out."
    )
    agree: bool = Field(description="Agrees with the organisation's demands: must be true.")
    consent: bool = Field(
        description="Consents to the membership being kept and to emails about it: must be true."
    )


class JoinAccepted(Schema):
    status: Literal["pending"] = Field(
        description="Always pending: the membership starts when the emailed link is followed."
    )


def _too_many() -> ProblemError:
    return ProblemError(
        status=429,
        code="too-many-joins",
        title=_("Too many requests to join."),
        detail=_(
            "This address has sent too many requests to join for now. Nothing was stored: "
            "try again after the number of seconds in Retry-After."
        ),
        headers={"Retry-After": str(retry_after_seconds("join"))},
    )


def _organisation(key: str):
    try:
        return organisation_get(key=key)
    except Http404:
        raise not_found(_("No organisation has the id or slug “%(key)s”.") % {"key": key}) from None


def _errors(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            name: [str(m) for m in ValidationError(e).messages]
            for name, e in error.error_dict.items()
        }
    return {"request": [str(m) for m in error.messages]}


@router.post(
    "/{id_or_slug}/members",
    response={202: JoinAccepted},
    url_name="member_join",
    summary=gettext_lazy("Join an organisation"),
    description=gettext_lazy(
        "Someone joins the organisation, for its own website's join form. Nothing is a "
        "membership until the person follows the link emailed to them. A field missing or "
        "not valid, or agree or consent not true, is answered 400 naming it, and nothing "
        "is stored. Rate-limited per address unless sent with an organisation admin's token."
    ),
    auth=optional_token_auth,
    openapi_extra={
        "responses": {
            **problem_documented(
                400, gettext_lazy("A field is missing or not valid: see “errors”.")
            ),
            **problem_documented(401, gettext_lazy("An API token was sent but is not valid.")),
            **problem_documented(404, gettext_lazy("No organisation has this id or slug.")),
            **problem_documented(429, gettext_lazy("Too many requests from this address.")),
        }
    },
)
def member_join(request: HttpRequest, id_or_slug: str, payload: JoinIn):
    organisation = _organisation(id_or_slug)
    if not organisation_joinable(organisation):
        raise not_found(_("People cannot join this organisation on Picketline."))
    access = membership_access_for(user=request.user, organisation=organisation)
    if not access.is_admin and submission_rate_limited(request, scope="join"):
        raise _too_many()
    errors: dict[str, list[str]] = {}
    chapter = None
    if payload.chapter:
        chapter = organisation.chapters.filter(slug=payload.chapter).first()
        if chapter is None:
            errors["chapter"] = [_("This organisation has no chapter with this slug.")]
    plan = None
    if payload.plan:
        plans = DuesPlan.objects.filter(organisation=organisation, is_active=True)
        if payload.plan.isascii() and payload.plan.isdigit():
            plan = plans.filter(pk=int(payload.plan)).first()
        plan = plan or plans.filter(name=payload.plan).first()
        if plan is None:
            errors["plan"] = [_("This organisation offers no dues plan with this id or name.")]
    point = None
    if payload.place.strip():
        try:
            point = near_resolve(payload.place).point
        except NearError as error:
            if chapter is None:
                errors["place"] = [error.message]
    else:
        errors["place"] = [_("Give a town or city.")]
    try:
        if errors:
            raise ValidationError(errors)
        membership_join(
            organisation=organisation,
            name=payload.name,
            email=payload.email,
            place_name=payload.place,
            point=point,
            chapter=chapter,
            plan=plan,
            agree=payload.agree,
            consent=payload.consent,
            source=MembershipSource.API,
        )
    except ValidationError as error:
        raise invalid_parameters(_errors(error)) from None
    return Status(202, {"status": "pending"})


class PaymentIn(Schema):
    member: str = Field(max_length=20, description="The member's reference (M123) or id.")
    amount_minor: int = Field(gt=0, description="In the currency's smallest unit.")
    currency: str = Field(
        default="", max_length=3, description="ISO 4217; the member's plan's when left out."
    )
    method: Literal["cash", "bank", "other"] = Field(description="How the dues were paid.")
    date: dt.date | None = Field(default=None, description="When; today when left out.")
    note: str = Field(default="", max_length=300)


class PaymentOut(Schema):
    id: int
    member: str
    amount_minor: int
    currency: str
    method: str
    date: dt.date


@router.post(
    "/{id_or_slug}/payments",
    response={201: PaymentOut},
    url_name="payment_record",
    summary=gettext_lazy("Record dues paid"),
    description=gettext_lazy(
        "Records dues a member paid in cash, by bank transfer or otherwise, in the member's "
        "ledger. For the organisation's treasurers and admins, and a chapter's organisers for "
        "their chapter's members."
    ),
    auth=token_auth,
    openapi_extra={
        "responses": {
            **problem_documented(400, gettext_lazy("A field is not valid: see “errors”.")),
            **problem_documented(401, gettext_lazy("No API token, or not a valid one.")),
            **problem_documented(
                403, gettext_lazy("The token's account may not record dues here.")
            ),
            **problem_documented(404, gettext_lazy("No such organisation, or no such member.")),
        }
    },
)
def payment_record(request: HttpRequest, id_or_slug: str, payload: PaymentIn):
    organisation = _organisation(id_or_slug)
    access = membership_access_for(user=request.user, organisation=organisation)
    if not access.sees_dues:
        raise PermissionDenied
    key = payload.member.strip().upper().removeprefix("M")
    if not (key.isascii() and key.isdigit()):
        raise invalid_parameters({"member": [_("Give the member's reference, such as M123.")]})
    try:
        membership = membership_get_for_access(access=access, pk=int(key))
    except Http404:
        raise not_found(_("No member has this reference here.")) from None
    if not may_record_payment(access, membership):
        raise PermissionDenied
    try:
        entry = dues_entry_record(
            access=access,
            membership=membership,
            by=request.user,
            amount_minor=payload.amount_minor,
            method=payload.method,
            currency=payload.currency,
            paid_at=payload.date,
            note=payload.note,
        )
    except ValidationError as error:
        raise invalid_parameters(_errors(error)) from None
    return Status(
        201,
        {
            "id": entry.pk,
            "member": membership.reference,
            "amount_minor": entry.amount_minor,
            "currency": entry.currency,
            "method": entry.method,
            "date": entry.date,
        },
    )
