"""`/api/v1/…`: the API's routes, then problem documents for every address it does not have."""

from functools import wraps

from django.http import HttpResponseNotAllowed, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, path, re_path, resolve
from django.utils.translation import gettext as _

from picketline.api import problems
from picketline.api.api import api


def _problem_for_wrong_method(view):
    """ninja answers a wrong method with a bare 405; the API answers every error alike."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            return problems.problem_response(
                request, problems.method_not_allowed(response["Allow"])
            )
        return response

    return wrapper


def api_root(request):
    return JsonResponse(
        {
            "title": str(api.title),
            "version": api.version,
            "openapi": request.build_absolute_uri("openapi.json"),
            "docs": request.build_absolute_uri("docs"),
            "disputes": request.build_absolute_uri("disputes"),
            "organisations": request.build_absolute_uri("organisations"),
            "submissions": request.build_absolute_uri("submissions"),
            "events": request.build_absolute_uri("events"),
            "campaigns": request.build_absolute_uri("campaigns"),
        }
    )


def _without_trailing_slash(request) -> str | None:
    """The address without its trailing slash, when that is one of the API's own."""
    if not request.path.endswith("/") or request.path.endswith("//"):
        return None
    bare = request.path[:-1]
    try:
        match = resolve(bare)
    except Resolver404:
        return None
    if match.view_name in ("api:not_found", "api:index"):
        return None
    query = request.META.get("QUERY_STRING", "")
    return f"{bare}?{query}" if query else bare


def not_found(request, unmatched: str = ""):
    # "/api/v1/disputes/" is what many people type: send them on, keeping the method and body.
    if (bare := _without_trailing_slash(request)) is not None:
        return HttpResponsePermanentRedirect(bare, preserve_request=True)
    return problems.problem_response(
        request,
        problems.not_found(
            _("The API has no address “%(path)s”. The OpenAPI document lists them all.")
            % {"path": request.path}
        ),
    )


_patterns, _app_name, _namespace = api.urls
for _pattern in _patterns:
    _pattern.callback = _problem_for_wrong_method(_pattern.callback)

# One namespace ("api") for ninja's routes and ours: the index first, the catch-all last.
urlpatterns = [
    path(
        "",
        (
            [
                path("", api_root, name="index"),
                *_patterns,
                re_path(r"^(?P<unmatched>.*)$", not_found, name="not_found"),
            ],
            _app_name,
            _namespace,
        ),
    ),
]
