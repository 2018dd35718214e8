"""The library's addresses: under an organisation's and a campaign's own (`resources/` is no
name either takes: organisations' pages below a slug are fixed words, and a campaign's slug
is one path segment), and the files at `resources/<id>/<name>`."""

from django.urls import path

from picketline.resources import views

app_name = "resources"

urlpatterns = [
    path("resources/<int:pk>/thumbnail/", views.resource_thumbnail, name="thumbnail"),
    path("resources/<int:pk>/<str:filename>", views.resource_file, name="file"),
]

for kind, prefix in (("organisation", "organisations"), ("campaign", "campaigns")):
    base = f"{prefix}/<str:slug>/resources/"
    owner = {"owner_kind": kind}
    urlpatterns += [
        path(base, views.library, owner, name=f"{kind}_library"),
        path(f"{base}new/", views.resource_create, owner, name=f"{kind}_create"),
        path(f"{base}<int:pk>/edit/", views.resource_edit, owner, name=f"{kind}_edit"),
        path(f"{base}<int:pk>/delete/", views.resource_delete, owner, name=f"{kind}_delete"),
    ]
