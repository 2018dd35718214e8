from django.urls import path

from picketline.solidarity.delegations import views

urlpatterns = [
    path(
        "disputes/<str:slug>/connections.json",
        views.dispute_connections,
        name="dispute_connections",
    ),
    path(
        "disputes/<str:slug>/delegations/report/",
        views.delegation_report_view,
        name="delegation_report",
    ),
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
