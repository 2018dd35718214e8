"""A person's own data, at `/account/data/` (a public address: keep it)."""

from django.urls import path

from picketline.accounts import data_views

urlpatterns = [
    path("data/", data_views.data, name="account_data"),
    path("data/picketline-data.json", data_views.export_json, name="account_data_json"),
    path("data/picketline-data.zip", data_views.export_zip, name="account_data_zip"),
    path("data/email/", data_views.email_confirm_send, name="account_email_confirm_send"),
    path("data/email/<str:token>/", data_views.email_confirm, name="account_email_confirm"),
    path("data/erase/", data_views.erase_request, name="account_erase_request"),
    path("data/erase/cancel/", data_views.erase_cancel, name="account_erase_cancel"),
    path("data/erase/<str:token>/", data_views.erase, name="account_erase"),
]
