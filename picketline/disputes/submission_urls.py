from django.urls import path

from picketline.disputes import submission_views

app_name = "submissions"

urlpatterns = [
    path("add/", submission_views.submission_add, name="add"),
    path("submissions/<str:token>/", submission_views.submission_status, name="status"),
    path(
        "submissions/<str:token>/answer/",
        submission_views.submission_answer,
        name="answer",
    ),
]
