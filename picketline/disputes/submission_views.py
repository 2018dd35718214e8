from django.http import Http404


def submission_add(request):
    raise Http404


def submission_status(request, token):
    raise Http404
