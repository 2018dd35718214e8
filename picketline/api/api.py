"""The one JSON API, described by one OpenAPI 3.1 document: public reads of disputes, events and
organisations; anonymous writes of reports, messages and RSVPs (rate-limited); and writes with a
personal API token (bearer) for moderators, coordinators and verified unions.

Every error leaves as an RFC 9457 problem document: ninja's own handlers (validation, 404,
HTTP errors and anything unexpected) are replaced here, so no client ever gets an HTML page.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from picketline.api import problems
from picketline.api.appeals import router as appeals_router
from picketline.api.ballots import organisations_router as ballots_organisations_router
from picketline.api.ballots import router as ballots_router
from picketline.api.campaigns import router as campaigns_router
from picketline.api.charters import router as charters_router
from picketline.api.disputes import router as disputes_router
from picketline.api.docs import ReferenceDocs
from picketline.api.events import router as events_router
from picketline.api.manage import router as manage_router
from picketline.api.members import router as members_router
from picketline.api.messages import router as messages_router
from picketline.api.organisations import router as organisations_router
from picketline.api.submissions import router as submissions_router

OPENAPI_VERSION = "3.1.0"


class PicketlineAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        # The document promised by the design is OpenAPI 3.1; say so whatever ninja defaults to.
        schema["openapi"] = OPENAPI_VERSION
        schema["components"]["schemas"]["Problem"] = problems.Problem.model_json_schema()
        for item in schema["paths"].values():
            for operation in item.values():
                _declare_problems(operation)
        if not schema.get("servers"):
            schema.pop("servers", None)
        return schema

    def set_default_exception_handlers(self) -> None:
        self.add_exception_handler(problems.ProblemError, _problem)
        self.add_exception_handler(ValidationError, _validation_error)
        self.add_exception_handler(Http404, _not_found)
        self.add_exception_handler(PermissionDenied, _forbidden)
        self.add_exception_handler(AuthenticationError, _unauthorized)
        self.add_exception_handler(HttpError, _http_error)
        self.add_exception_handler(Exception, _unexpected)


def _declare_problems(operation: dict) -> None:
    """Problems any operation of its shape can answer with, where a handler did not say.

    ninja refuses a parameter or body of the wrong type before the handler runs (400), and a
    token that is not valid is refused whatever the operation (401).
    """
    statuses = []
    if operation.get("requestBody") or any(
        parameter["in"] != "path" or parameter["schema"].get("type") != "string"
        for parameter in operation.get("parameters", [])
    ):
        statuses.append(400)
    if operation.get("security"):
        statuses.append(401)
    responses = operation["responses"]
    for status, response in problems.openapi_responses(*statuses).items():
        if status not in responses and str(status) not in responses:
            responses[status] = response


def _problem(request: HttpRequest, exc: problems.ProblemError):
    return problems.problem_response(request, exc)


def _validation_error(request: HttpRequest, exc: ValidationError):
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ())]
        name = location[-1] if location else "request"
        errors.setdefault(name, []).append(str(error.get("msg", "")))
    return problems.problem_response(request, problems.invalid_parameters(errors))


def _not_found(request: HttpRequest, exc: Http404):
    return problems.problem_response(request, problems.not_found())


def _forbidden(request: HttpRequest, exc: PermissionDenied):
    return problems.problem_response(request, problems.forbidden())


def _unauthorized(request: HttpRequest, exc: AuthenticationError):
    # Without any credentials ninja raises it bare, with its own untranslated "Unauthorized".
    detail = str(exc) if str(exc) != "Unauthorized" else ""
    return problems.problem_response(request, problems.unauthorized(detail))


def _http_error(request: HttpRequest, exc: HttpError):
    return problems.problem_response(request, problems.http_error(exc.status_code, str(exc)))


def _unexpected(request: HttpRequest, exc: Exception):
    problems.log_unexpected(request, exc)
    return problems.problem_response(request, problems.server_error())


api = PicketlineAPI(
    title="Picketline API",
    version="1",
    description=_(
        "Public data on strikes and other labour disputes: where they are, who is "
        "involved, what the workers demand, and when the pickets stand. Reading needs no "
        "account; a dispute's coordinators and moderators change it with a personal API "
        "token, sent as a bearer token."
    ),
    urls_namespace="api",
    docs=ReferenceDocs(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("/disputes", disputes_router)
api.add_router("/organisations", organisations_router)
api.add_router("/organisations", members_router)
api.add_router("", manage_router)
api.add_router("/submissions", submissions_router)
api.add_router("", messages_router)
api.add_router("/events", events_router)
api.add_router("/charters", charters_router)
api.add_router("/campaigns", campaigns_router)
api.add_router("/appeals", appeals_router)
api.add_router("/organisations", ballots_organisations_router)
api.add_router("/ballots", ballots_router)
