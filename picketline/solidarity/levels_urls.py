from django.urls import path

from picketline.solidarity import dashboard_views
from picketline.solidarity import levels_views as views

urlpatterns = [
    path("solidarity/", dashboard_views.site_dashboard, name="dashboard"),
    path(
        "disputes/<str:slug>/connections.json",
        dashboard_views.dispute_connections,
        name="dispute_connections",
    ),
    path(
        "disputes/<str:slug>/solidarity/",
        dashboard_views.dispute_dashboard,
        name="dispute_dashboard",
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
