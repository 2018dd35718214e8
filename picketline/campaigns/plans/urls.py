"""The plan's addresses: in a campaign's area and in a dispute's coordinators' area."""

from django.urls import path

from picketline.campaigns.plans import views

app_name = "plans"

OWNERS = {"campaign": "campaigns/<str:slug>/plan/", "dispute": "disputes/<str:slug>/manage/plan/"}

PAGES = [
    ("", views.plan_page),
    ("edit/", views.plan_edit),
    ("print/", views.plan_print),
    ("plan.json", views.plan_json),
    ("actions.csv", views.plan_csv),
]
NAMES = {"": "", "edit/": "_edit", "print/": "_print", "plan.json": "_json", "actions.csv": "_csv"}

urlpatterns = [
    path(base + tail, view, {"kind": kind}, name=kind + NAMES[tail])
    for kind, base in OWNERS.items()
    for tail, view in PAGES
] + [
    path(
        base + "versions/<int:number>/", views.plan_version, {"kind": kind}, name=f"{kind}_version"
    )
    for kind, base in OWNERS.items()
]
