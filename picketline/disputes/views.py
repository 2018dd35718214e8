from django.http import HttpResponse


def map_page(request):
    return HttpResponse("map")


def dispute_list(request):
    return HttpResponse("list")


def dispute_detail(request, slug):
    return HttpResponse(slug)
