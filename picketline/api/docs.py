"""`/api/v1/docs`: the API reference, served by the app itself with no CDN.

When ninja is an installed app its Swagger UI is served from its own static files; otherwise
the page is plain HTML written on the server from the OpenAPI document, with no script at
all, so it works under the strict Content Security Policy.
"""

from typing import Any

from django.apps import apps
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from ninja.openapi.docs import DocsBase, Swagger

_METHODS = ("get", "post", "put", "patch", "delete")


class ReferenceDocs(DocsBase):
    def render_page(self, request: HttpRequest, api, **kwargs: Any) -> HttpResponse:
        if apps.is_installed("ninja"):
            return Swagger().render_page(request, api, **kwargs)
        schema = api.get_openapi_schema(path_params=kwargs)
        operations = []
        for path, methods in schema["paths"].items():
            for method in _METHODS:
                operation = methods.get(method)
                if operation is None:
                    continue
                operations.append(
                    {
                        "method": method.upper(),
                        "path": path,
                        "summary": operation.get("summary") or "",
                        "description": operation.get("description") or "",
                        "parameters": [_parameter(p) for p in operation.get("parameters", [])],
                        "responses": [
                            {"status": status, "description": response.get("description", "")}
                            for status, response in sorted(
                                operation.get("responses", {}).items(), key=lambda i: str(i[0])
                            )
                        ],
                    }
                )
        context = {
            "api": api,
            "info": schema["info"],
            "operations": operations,
            "openapi_url": reverse(f"{api.urls_namespace}:openapi-json", kwargs=kwargs),
        }
        return render(request, "api/docs.html", context)


def _parameter(parameter: dict) -> dict:
    schema = parameter.get("schema", {})
    values = schema.get("enum") or schema.get("items", {}).get("enum") or []
    kind = schema.get("type", "")
    if kind == "array":
        kind = f"{schema.get('items', {}).get('type', '')}[]"
    if schema.get("format"):
        kind = f"{kind} ({schema['format']})"
    return {
        "name": parameter["name"],
        "location": parameter.get("in", ""),
        "required": parameter.get("required", False),
        "type": kind,
        "values": values,
        "description": parameter.get("description", ""),
    }
