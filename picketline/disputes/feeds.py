from django.http import JsonResponse


def geojson(request):
    return JsonResponse({"type": "FeatureCollection", "features": []})
