from django.urls import path

from picketline.moderation import views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("bulk/", views.bulk, name="bulk"),
    path("<int:pk>/", views.item_detail, name="item"),
    path("<int:pk>/approve/", views.approve, name="approve"),
    path("<int:pk>/approve-with-edits/", views.approve_edited, name="approve_edited"),
    path("<int:pk>/reject/", views.reject, name="reject"),
    path("<int:pk>/merge/", views.merge, name="merge"),
    path("<int:pk>/ask/", views.ask, name="ask"),
]
