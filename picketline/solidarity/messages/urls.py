from django.urls import path

from picketline.solidarity.messages import views

urlpatterns = [
    path("messages/<int:pk>/photo.jpg", views.message_photo, name="message_photo"),
    path("disputes/<str:slug>/messages/", views.message_send_view, name="message_send"),
    path("disputes/<str:slug>/messages/thanks/", views.message_thanks, name="message_thanks"),
    path("disputes/<str:slug>/manage/messages/", views.message_inbox, name="message_inbox"),
    path("disputes/<str:slug>/manage/messages.csv", views.message_export, name="message_export"),
    path(
        "disputes/<str:slug>/manage/messages/print/",
        views.message_print,
        name="message_print",
    ),
    path(
        "disputes/<str:slug>/manage/messages/frequency/",
        views.message_frequency,
        name="message_frequency",
    ),
]
