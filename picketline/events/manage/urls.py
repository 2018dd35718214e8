from django.urls import path

from picketline.events.manage import views

# Fixed paths first: "new" and "mine" must not be read as an event's slug.
EVENT = "events/<str:slug>/"

urlpatterns = [
    path("events/new/", views.event_new, name="create"),
    path("events/mine/", views.events_mine, name="mine"),
    path(f"{EVENT}edit/", views.event_edit, name="edit"),
    path(f"{EVENT}manage/", views.event_manage, name="manage"),
    path(f"{EVENT}attendees.csv", views.attendees_csv, name="attendees_csv"),
    path(f"{EVENT}sheet/", views.check_in_sheet, name="check_in_sheet"),
    path(f"{EVENT}check-in/", views.check_in, name="check_in"),
    path(f"{EVENT}check-in/<int:pk>/", views.check_in_toggle, name="check_in_toggle"),
    path(f"{EVENT}message/", views.message, name="message"),
]
