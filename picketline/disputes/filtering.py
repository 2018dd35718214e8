"""The list filters from a query string, with place names resolved: one door for pages and feeds."""

from django.http import QueryDict

from picketline.disputes.filters import DisputeFilterForm, DisputeFilters, Sort
from picketline.places.near import NearError, near_resolve


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
    if filters.near:
        try:
            near = near_resolve(filters.near, filters.radius_km)
        except NearError as error:
            raise FilterError({"near": [error.message]}, unknown_place=True) from None
        filters.point, filters.place = near.point, near.place
    return filters


def list_filters_from_query(query: QueryDict) -> DisputeFilters:
    """`filters_from_query` for the list page: with no order chosen and no place, disputes
    people can still support come first, then the newest (`Sort.CURRENT`)."""
    filters = filters_from_query(query)
    if not query.get("sort") and filters.point is None:
        filters.sort = Sort.CURRENT
    return filters
