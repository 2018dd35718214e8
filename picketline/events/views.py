"""The public pages of events: the list, the map, an event's page and its calendar file.

Views parse the query string, call a selector and render; what a page shows beyond the
selector's answer is put together in `pages.py`. The days of action have their pages in
`days/views.py`.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from picketline.events import calendar, pages, selectors


@require_safe
def event_list(request):
    filters, errors = pages.filters_or_errors(request.GET)
    context = {
        **pages.list_context(request, filters, errors),
        "query": pages.feed_query(request.GET),
    }
    return render(request, "events/public/list.html", context, status=400 if errors else 200)


@require_safe
def event_map(request):
    filters, errors = pages.filters_or_errors(request.GET)
    context = pages.map_page_context(request.GET, filters, errors)
    return render(request, "events/public/map.html", context, status=400 if errors else 200)


@require_safe
def event_detail(request, slug):
    event = selectors.event_get_for_viewer(user=request.user, slug=slug)
    context = pages.event_page_context(event, request.user)
    return render(request, "events/public/detail.html", context)


@require_safe
def event_detail_ics(request, slug):
    event = selectors.event_get_public(slug=slug)
    response = HttpResponse(calendar.event_ics(event), content_type=calendar.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{event.pk}.ics"'
    return response
