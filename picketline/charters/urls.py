from django.urls import path

from picketline.charters import views

app_name = "charters"

M = "charters/<slug:slug>/manage/"

urlpatterns = [
    path("charters/", views.charter_list, name="list"),
    path("charter-endorsements/<str:token>/", views.confirm, name="confirm"),
    path("charters/<slug:slug>/", views.charter_detail, name="detail"),
    path("charters/<slug:slug>/endorse/", views.endorse, name="endorse"),
    path("charters/<slug:slug>/endorse/sent/", views.endorse_sent, name="endorse_sent"),
    path(M, views.manage, name="manage"),
    path(M + "versions/add/", views.version_add, name="version_add"),
    path(
        M + "versions/<int:number>/<str:language>/",
        views.translation_edit,
        name="translation_edit",
    ),
    path(
        M + "versions/<int:number>/<str:language>/approve/",
        views.translation_approve,
        name="translation_approve",
    ),
    path("charters/<slug:slug>/<str:language>/", views.charter_language, name="language"),
]
