"""Hosting a local event for a day of action, and the invitation that makes the host its
organiser."""

from django.http import HttpResponse


def host_invitation(request, token):
    return HttpResponse(status=501)
