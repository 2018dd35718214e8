from django.urls import path

from picketline.solidarity.funds import views

DISPUTE = "disputes/<str:slug>/"
MANAGE = f"{DISPUTE}manage/funds/"

urlpatterns = [
    path(f"{DISPUTE}funds/<int:pk>/", views.fund_detail, name="fund_detail"),
    path("pledges/<str:token>/cancel/", views.pledge_cancel, name="pledge_cancel"),
    path(f"{MANAGE}add/", views.fund_add, name="fund_add"),
    path(f"{MANAGE}<int:pk>/", views.fund_manage, name="fund_manage"),
    path(f"{MANAGE}<int:pk>/entries/add/", views.fund_entry_add, name="fund_entry_add"),
    path(
        f"{MANAGE}<int:pk>/entries/<int:entry_id>/reverse/",
        views.fund_entry_reverse,
        name="fund_entry_reverse",
    ),
    path(f"{MANAGE}<int:pk>/pledges/", views.fund_pledges, name="fund_pledges"),
    path(
        f"{MANAGE}<int:pk>/pledges/<int:pledge_id>/received/",
        views.fund_pledge_received,
        name="fund_pledge_received",
    ),
]
