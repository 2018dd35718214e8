from django.urls import include, path

app_name = "solidarity"

urlpatterns = [
    path("", include("picketline.solidarity.messages.urls")),
    path("", include("picketline.solidarity.funds.urls")),
    path("", include("picketline.solidarity.pickets.urls")),
    path("", include("picketline.solidarity.delegations.urls")),
    path("", include("picketline.solidarity.dashboard.urls")),
]
