from django.urls import path

from picketline.solidarity.dashboard import views

urlpatterns = [
    path("solidarity/", views.site_dashboard, name="dashboard"),
    path("disputes/<str:slug>/solidarity/", views.dispute_dashboard, name="dispute_dashboard"),
]
