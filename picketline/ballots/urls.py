from django.urls import path

from picketline.ballots import views

app_name = "ballots"

urlpatterns = [
    path("ballots/<int:pk>/", views.detail, name="detail"),
    path("ballots/<int:pk>/vote/", views.vote_signed_in, name="vote_signed_in"),
    path("ballots/<int:pk>/vote/<str:token>/", views.vote, name="vote"),
    path("ballots/<int:pk>/tracker/", views.tracker, name="tracker"),
    path("ballots/<int:pk>/tracker.csv", views.tracker_csv, name="tracker_csv"),
    path("ballots/<int:pk>/manage/", views.manage, name="manage"),
    path("ballots/<int:pk>/manage/remind/", views.remind, name="remind"),
    path("ballots/<int:pk>/manage/close/", views.close, name="close"),
    path("ballots/<int:pk>/manage/scrutineers/", views.scrutineer_add, name="scrutineer_add"),
    path("organisations/<str:slug>/ballots/", views.organisation_ballots, name="organisation"),
    path("organisations/<str:slug>/ballots/new/", views.create, name="create"),
]
