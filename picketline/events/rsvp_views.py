"""RSVP pages: answering, following the emailed confirmation link, one's own RSVP page."""

from django.http import HttpResponse


def rsvp_create(request, slug):
    return HttpResponse(status=501)


def rsvp_confirm(request, token):
    return HttpResponse(status=501)


def rsvp_page(request, token):
    return HttpResponse(status=501)
