"""The addresses of "Add a strike" (namespace `submissions`): the form, the private status
page and answering a moderator from it."""

from django.urls import path

from picketline.disputes.submissions import views

app_name = "submissions"

urlpatterns = [
    path("add/", views.submission_add, name="add"),
    path("submissions/<str:token>/", views.submission_status, name="status"),
    path(
        "submissions/<str:token>/answer/",
        views.submission_answer,
        name="answer",
    ),
]
