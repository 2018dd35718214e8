from django.urls import path

from picketline.appeals import views

app_name = "appeals"

M = "appeals/<str:key>/manage/"

urlpatterns = [
    path("appeal-signatures/<str:token>/", views.confirm, name="confirm"),
    path(
        "appeals/new/<str:kind>/<str:slug>/",
        views.appeal_create,
        name="create",
    ),
    path("appeals/<str:key>/", views.appeal_detail, name="detail"),
    path("appeals/<str:key>/sign/", views.sign, name="sign"),
    path("appeals/<str:key>/sign/sent/", views.sign_sent, name="sign_sent"),
    path(M, views.manage, name="manage"),
    path(M + "edit/", views.appeal_edit, name="edit"),
    path(M + "targets/", views.target_add, name="target_add"),
    path(M + "targets/<int:pk>/remove/", views.target_remove, name="target_remove"),
    path(M + "reply/", views.reply, name="reply"),
    path(M + "signatures.csv", views.export_csv, name="export_csv"),
    path(M + "petition.pdf", views.export_pdf, name="export_pdf"),
]
