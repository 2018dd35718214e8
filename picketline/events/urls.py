from django.urls import include, path

app_name = "events"

# Fixed paths come before /events/<slug>/ in each part, and slugs never take them (see
# services.RESERVED_SLUGS).
urlpatterns = [
    path("", include("picketline.events.rsvp_urls")),
    path("", include("picketline.events.manage_urls")),
    path("", include("picketline.events.days_urls")),
    path("", include("picketline.events.public_urls")),
]
