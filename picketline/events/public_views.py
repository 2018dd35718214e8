from django.http import HttpResponse


def event_detail(request, slug):
    return HttpResponse(status=501)


def day_of_action(request, slug):
    return HttpResponse(status=501)
