from django.urls import include, path

app_name = "solidarity"

urlpatterns = [
    path("", include("picketline.solidarity.messages_urls")),
    path("", include("picketline.solidarity.funds_urls")),
    path("", include("picketline.solidarity.pickets_urls")),
    path("", include("picketline.solidarity.levels_urls")),
]
