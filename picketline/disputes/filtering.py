"""The list filters from a query string, with place names resolved: one door for pages and feeds."""

from django.http import QueryDict
from django.utils.translation import gettext as _

from picketline.disputes.filters import DisputeFilterForm, DisputeFilters
from picketline.places.selectors import place_resolve


class FilterError(ValueError):
    """The query string has values that cannot be used; `errors` maps each parameter to messages.

    `unknown_place` tells a well-formed `near` that names no known place apart from a malformed
    query, so the API can give each its own problem type.
    """

    def __init__(self, errors: dict[str, list[str]], *, unknown_place: bool = False):
        super().__init__("; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in errors.items()))
        self.errors = errors
        self.unknown_place = unknown_place


def filters_from_query(query: QueryDict) -> DisputeFilters:
    form = DisputeFilterForm(query)
    if not form.is_valid():
        raise FilterError({name: list(messages) for name, messages in form.errors.items()})
    filters = form.to_filters()
    if filters.near and filters.point is None:
        resolution = place_resolve(text=filters.near)
        if not resolution.found:
            raise FilterError(
                {
                    "near": [
                        _(
                            "No place called “%(place)s” was found. Try a town name, or "
                            "coordinates such as 53.80,-1.55."
                        )
                        % {"place": filters.near}
                    ]
                },
                unknown_place=True,
            )
        filters.point = resolution.point
        filters.place = resolution
    return filters
