from django.urls import path

from picketline.solidarity import levels_views as views

urlpatterns = [
    path(
        "disputes/<str:slug>/manage/delegations/add/",
        views.delegation_add_view,
        name="delegation_add",
    ),
    path(
        "disputes/<str:slug>/manage/delegations/<int:pk>/delete/",
        views.delegation_delete_view,
        name="delegation_delete",
    ),
]
