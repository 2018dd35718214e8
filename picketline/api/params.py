"""OpenAPI parameter objects written from the forms that validate them, so the two agree.

Handlers read `request.GET` through Django forms (the shared list filters above all), so
ninja does not see the parameters; these descriptions put them in the OpenAPI document.
"""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

# Fuller descriptions than the list filters' labels, for people reading the API reference.
FILTER_DESCRIPTIONS = {
    "status": _("Dispute status; repeat the parameter or separate values with commas."),
    "kind": _("Kind of dispute; repeat the parameter or separate values with commas."),
    "sector": _("Industry sector; repeat the parameter or separate values with commas."),
    "demand": _("What the workers demand; any of the values matches."),
    "country": _("Two-letter country codes of a site, separated by commas, such as GB,IE."),
    "union": _("A union's id, slug or exact name."),
    "employer": _("An employer's id, slug or exact name."),
    "q": _("Words that must all appear in the title, description or organisation names."),
    "date_from": _("Only disputes still running on or after this date (YYYY-MM-DD)."),
    "date_to": _("Only disputes that started on or before this date (YYYY-MM-DD)."),
    "near": _(
        "A place name (“Leeds”) or coordinates as “lat,lon” (“53.80,-1.55”): only disputes "
        "with a site within radius_km, ordered nearest first."
    ),
    "radius_km": _("The radius around “near”, in kilometres (100 when left out)."),
    "sort": _("newest (default), start (latest start date first) or distance (needs near)."),
}


def _join(*parts) -> str:
    return " ".join(str(part) for part in parts if part)


_lazy_join = lazy(_join, str)


def _schema(field: forms.Field) -> dict:
    if isinstance(field, forms.MultipleChoiceField):
        values = [value for value, _label in field.choices if value != ""]
        return {"type": "array", "items": {"type": "string", "enum": values}}
    if isinstance(field, forms.ChoiceField):
        return {"type": "string", "enum": [value for value, _label in field.choices if value]}
    if isinstance(field, forms.DateField):
        return {"type": "string", "format": "date"}
    if isinstance(field, forms.BooleanField):
        return {"type": "boolean"}
    if isinstance(field, forms.IntegerField):
        schema = {"type": "integer"}
    elif isinstance(field, forms.FloatField):
        schema = {"type": "number"}
    else:
        schema = {"type": "string"}
        if field.max_length is not None:
            schema["maxLength"] = field.max_length
        return schema
    if field.min_value is not None:
        schema["minimum"] = field.min_value
    if field.max_value is not None:
        schema["maximum"] = field.max_value
    return schema


def query_parameters(form_class: type[forms.Form], *, descriptions=None) -> list[dict]:
    """One OpenAPI query parameter per field of the form; `descriptions` override labels."""
    descriptions = descriptions or {}
    parameters = []
    for name, field in form_class.base_fields.items():
        parameter = {
            "name": name,
            "in": "query",
            "required": False,
            "description": descriptions.get(name) or _lazy_join(field.label, field.help_text),
            "schema": _schema(field),
        }
        if isinstance(field, forms.MultipleChoiceField):
            parameter["style"] = "form"
            parameter["explode"] = True
        parameters.append(parameter)
    return parameters
