"""`/api/v1/charters/{slug}`: a charter's versions with every translation (its language code,
status and text) and its endorsement counts; and `POST …/endorsements`: a person or an
organisation endorses it, checked by the page's own form. No endorser's email or hidden name
ever comes back."""

import datetime as dt
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
    openapi_responses,
    problem_documented,
)
from picketline.charters.forms import EndorseForm
from picketline.charters.models import Charter, EndorserKind
from picketline.charters.selectors import charter_versions, endorsement_counts
from picketline.charters.services import endorsement_submit
from picketline.core.ratelimit import retry_after_seconds, submission_rate_limited

router = Router(tags=["charters"])


class TranslationOut(Schema):
    language: str = Field(description="Django's language code: es, fa, zh-hans …")
    status: Literal["draft", "approved"]
    title: str
    text: str
    reviewer: str = Field(description="Who approved it; empty for a draft.")
    reviewed_at: dt.datetime | None


class VersionOut(Schema):
    number: int
    published_on: dt.date
    language: str = Field(description="The original's language code.")
    title: str
    text: str
    translations: list[TranslationOut]


class CountryCountOut(Schema):
    country: str = Field(description="ISO 3166 two-letter code.")
    people: int
    organisations: int


class CountsOut(Schema):
    people: int = Field(description="People whose endorsement is confirmed by email.")
    organisations: int = Field(description="Organisations verified by the moderators.")
    countries: list[CountryCountOut]


class OrganisationBrief(Schema):
    name: str
    slug: str


class CharterOut(Schema):
    slug: str
    title: str
    language: str = Field(description="The charter's original language code.")
    url: str
    organisation: OrganisationBrief | None
    versions: list[VersionOut] = Field(description="Latest first.")
    counts: CountsOut


def _charter(slug: str) -> Charter:
    charter = Charter.objects.select_related("organisation").filter(slug=slug).first()
    if charter is None:
        raise not_found(_("No charter has the slug “%(key)s”.") % {"key": slug})
    return charter


@router.get(
    "/{slug}",
    response=CharterOut,
    url_name="charter_detail",
    summary=gettext_lazy("One charter"),
    description=gettext_lazy(
        "A charter's versions, latest first, each with its text in the original language and "
        "its translations (language code, draft or approved, text), and the counts of its "
        "endorsements by country."
    ),
    openapi_extra={"responses": openapi_responses(404)},
)
def charter_detail(request: HttpRequest, slug: str):
    charter = _charter(slug)
    counts = endorsement_counts(charter)
    return {
        "slug": charter.slug,
        "title": charter.title,
        "language": charter.language,
        "url": request.build_absolute_uri(charter.get_absolute_url()),
        "organisation": (
            {"name": charter.organisation.name, "slug": charter.organisation.slug}
            if charter.organisation
            else None
        ),
        "versions": [
            {
                "number": version.number,
                "published_on": version.published_on,
                "language": charter.language,
                "title": version.title,
                "text": version.text,
                "translations": [
                    {
                        "language": t.language,
                        "status": t.status,
                        "title": t.title,
                        "text": t.text,
                        "reviewer": t.reviewer_name,
                        "reviewed_at": t.reviewed_at,
                    }
                    for t in version.translations.all()
                ],
            }
            for version in charter_versions(charter)
        ],
        "counts": {
            "people": counts.people,
            "organisations": counts.organisations,
            "countries": [
                {"country": c.code, "people": c.people, "organisations": c.organisations}
                for c in counts.countries
            ],
        },
    }


class EndorsementIn(Schema):
    name: str | None = Field(
        default=None, max_length=100, description="A person's name (leave out for an organisation)."
    )
    organisation: str | None = Field(
        default=None,
        max_length=200,
        description="An organisation's name (leave out for a person); shown once verified.",
    )
    email: str = Field(
        max_length=254,
        description="Private: a person confirms by the link sent here; never published.",
    )
    country: str = Field(max_length=2, description="ISO 3166 two-letter code; always public.")
    public: bool = Field(
        default=False, description="A person's name is shown on the page only when true."
    )


class EndorsementAccepted(Schema):
    status: Literal["pending"] = Field(
        description="Always pending: a person's endorsement counts once the emailed link is "
        "followed, an organisation's once moderators verify it."
    )


def _too_many() -> ProblemError:
    return ProblemError(
        status=429,
        code="too-many-endorsements",
        title=_("Too many endorsements."),
        detail=_(
            "This address has sent too many endorsements for now. Nothing was stored: try "
            "again after the number of seconds in Retry-After."
        ),
        headers={"Retry-After": str(retry_after_seconds("endorse"))},
    )


@router.post(
    "/{slug}/endorsements",
    response={202: EndorsementAccepted},
    url_name="charter_endorse",
    summary=gettext_lazy("Endorse a charter"),
    description=gettext_lazy(
        "A person ({name, email, country, public}) or an organisation ({organisation, email, "
        "country}) endorses the charter, with the same checks as the charter's page. The "
        "answer is the same whether or not the address had endorsed already, and nobody is "
        "counted twice. A field missing or not valid is answered 400 naming it, and nothing "
        "is stored. Rate-limited per address unless sent with an API token."
    ),
    auth=optional_token_auth,
    openapi_extra={
        "responses": {
            **problem_documented(
                400, gettext_lazy("A field is missing or not valid: see “errors”.")
            ),
            **problem_documented(401, gettext_lazy("An API token was sent but is not valid.")),
            **problem_documented(404, gettext_lazy("No charter has this slug.")),
            **problem_documented(429, gettext_lazy("Too many endorsements from this address.")),
        }
    },
)
def charter_endorse(request: HttpRequest, slug: str, payload: EndorsementIn):
    charter = _charter(slug)
    if not request.user.is_authenticated and submission_rate_limited(request, scope="endorse"):
        raise _too_many()
    if payload.name is not None and payload.organisation is not None:
        raise invalid_parameters(
            {"organisation": [_("Send “name” for a person or “organisation”, not both.")]}
        )
    organisation = payload.organisation is not None
    form = EndorseForm(
        data={
            "kind": EndorserKind.ORGANISATION if organisation else EndorserKind.PERSON,
            "name": payload.name or "",
            "organisation": payload.organisation or "",
            "email": payload.email,
            "country": payload.country.upper(),
            "public": payload.public and not organisation,
        }
    )
    if not form.is_valid():
        raise invalid_parameters(form_errors(form))
    try:
        endorsement_submit(charter=charter, **form.endorse_fields())
    except ValidationError as error:
        raise invalid_parameters(
            {
                name: [str(m) for m in ValidationError(e).messages]
                for name, e in error.error_dict.items()
            }
            if hasattr(error, "error_dict")
            else {"request": [str(m) for m in error.messages]}
        ) from None
    return Status(202, {"status": "pending"})
