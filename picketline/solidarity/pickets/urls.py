from django.urls import path

from picketline.solidarity.pickets import views

OCCURRENCE = "<int:shift_id>/<str:occurrence>/"

urlpatterns = [
    path(f"disputes/<str:slug>/pickets/{OCCURRENCE}", views.picket_signup, name="picket_signup"),
    path("pickets/<str:token>/", views.picket_signed_up, name="picket_signed_up"),
    path("pickets/<str:token>/cancel/", views.picket_cancel, name="picket_cancel"),
    path("disputes/<str:slug>/manage/rota/", views.picket_rota, name="picket_rota"),
    path(
        f"disputes/<str:slug>/manage/rota/{OCCURRENCE}message/",
        views.picket_message,
        name="picket_message",
    ),
    path(
        f"disputes/<str:slug>/manage/rota/{OCCURRENCE}attendance/",
        views.picket_attendance,
        name="picket_attendance",
    ),
]
