"""RFC 9457 problem documents: every API error, whatever raised it, answers in this one shape.

A problem has a stable `type` (a URN naming what went wrong, for programs), a `title` and
`detail` in the reader's language (for people), the HTTP `status`, and for bad parameters an
`errors` object naming each parameter with its messages.
"""

import logging

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Schema
from pydantic import Field

CONTENT_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:picketline:problem:"

logger = logging.getLogger("picketline.api")


class Problem(Schema):
    type: str = Field(description="A URN naming the kind of problem; stable across releases.")
    title: str = Field(description="A short summary of the kind of problem, for people.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="What went wrong this time, and how to fix it.")
    instance: str = Field(description="The path that was asked for.")
    errors: dict[str, list[str]] | None = Field(
        default=None, description="For bad parameters: each parameter's name and its messages."
    )


class ProblemError(Exception):
    """Raise from a handler to answer with a problem document."""

    def __init__(
        self,
        *,
        status: int,
        code: str,
        title: str,
        detail: str,
        errors: dict[str, list[str]] | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(detail)
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}


def problem_response(request: HttpRequest, problem: ProblemError) -> JsonResponse:
    body = {
        "type": TYPE_PREFIX + problem.code,
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail,
        "instance": request.path,
    }
    if problem.errors is not None:
        body["errors"] = problem.errors
    response = JsonResponse(
        body,
        status=problem.status,
        content_type=CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
    for name, value in problem.headers.items():
        response[name] = value
    return response


def invalid_parameters(errors: dict[str, list[str]]) -> ProblemError:
    return ProblemError(
        status=400,
        code="invalid-parameters",
        title=_("Some parameters are not valid."),
        detail=_("Fix the parameters listed in “errors” and try again."),
        errors=errors,
    )


def unknown_place(errors: dict[str, list[str]]) -> ProblemError:
    return ProblemError(
        status=400,
        code="unknown-place",
        title=_("The place in “near” is not known."),
        detail=" ".join(errors.get("near", [])),
        errors=errors,
    )


def not_found(detail: str = "") -> ProblemError:
    return ProblemError(
        status=404,
        code="not-found",
        title=_("Not found."),
        detail=detail or _("There is nothing at this address."),
    )


def unauthorized(detail: str = "") -> ProblemError:
    return ProblemError(
        status=401,
        code="unauthorized",
        title=_("An API token is needed."),
        detail=detail
        or _(
            "Send a personal API token as “Authorization: Bearer plt_…”. Make one on your "
            "account page."
        ),
        headers={"WWW-Authenticate": "Bearer"},
    )


def forbidden(detail: str = "", *, code: str = "forbidden") -> ProblemError:
    return ProblemError(
        status=403,
        code=code,
        title=_("Not allowed."),
        detail=detail or _("Your account may not do this."),
    )


def conflict(detail: str) -> ProblemError:
    return ProblemError(
        status=409,
        code="edit-conflict",
        title=_("The record changed since you read it."),
        detail=detail,
    )


def method_not_allowed(allowed: str) -> ProblemError:
    return ProblemError(
        status=405,
        code="method-not-allowed",
        title=_("Method not allowed."),
        detail=_("This address only answers %(methods)s.") % {"methods": allowed},
        headers={"Allow": allowed},
    )


def server_error() -> ProblemError:
    return ProblemError(
        status=500,
        code="server-error",
        title=_("Something went wrong on our side."),
        detail=_("The error has been logged. Please try again later."),
    )


def http_error(status: int, message: str) -> ProblemError:
    return ProblemError(status=status, code=f"http-{status}", title=message, detail=message)


def openapi_responses(*statuses: int) -> dict:
    """The `responses` entries documenting problem answers, for an operation's openapi_extra."""
    descriptions = {
        400: gettext_lazy("A parameter is not valid, or the place in “near” is not known."),
        401: gettext_lazy("No API token was sent, or it is not valid (revoked or unknown)."),
        403: gettext_lazy("The token's account may not do this."),
        404: gettext_lazy("No such record."),
        409: gettext_lazy("Someone changed the record since the version that was sent."),
        500: gettext_lazy("An error on the server."),
    }
    return {
        status: {
            "description": descriptions[status],
            "content": {CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in statuses
    }


def log_unexpected(request: HttpRequest, exc: Exception) -> None:
    logger.error(
        "Unexpected error in API %s %s",
        request.method,
        request.path,
        exc_info=(type(exc), exc, exc.__traceback__),
        extra={"status_code": 500, "request": request},
    )


def problem_documented(status: int, description) -> dict:
    """One `responses` entry of an operation's openapi_extra: a problem answer with its own
    description (`openapi_responses` gives the usual ones)."""
    return {
        status: {
            "description": description,
            "content": {CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
    }
