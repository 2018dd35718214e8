"""Organisations (namespace `organisations`): the public list and pages, chapters and the
request to start one; the organisers' pages; unions' accounts (moderators' list and
verification, holders' page, invitations and removals)."""

from django.urls import path

from picketline.organisations.chapters import views as chapters
from picketline.organisations.views import accounts, page, public

app_name = "organisations"

ORG = "organisations/<str:slug>/"
UNION = f"{ORG}manage/"
CHAPTER = f"{ORG}chapters/<str:chapter>/"

urlpatterns = [
    path("organisations/", public.organisation_list, name="list"),
    # Before the organisation's page, whose slug would otherwise take "manage".
    path("organisations/manage/", accounts.organisations, name="manage_list"),
    path(ORG, public.organisation_detail, name="detail"),
    path(f"{ORG}chapters/", public.chapter_list, name="chapters"),
    path(f"{ORG}chapters/start/", public.chapter_request, name="chapter_request"),
    path(f"{ORG}chapters/started/", public.chapter_request_sent, name="chapter_request_sent"),
    path(CHAPTER, public.chapter_detail, name="chapter"),
    path(f"{CHAPTER}manage/", chapters.chapter_manage, name="chapter_manage"),
    path(f"{CHAPTER}manage/invite/", chapters.chapter_invite, name="chapter_invite"),
    path(
        f"{CHAPTER}manage/invitations/<int:pk>/revoke/",
        chapters.chapter_invitation_revoke,
        name="chapter_invitation_revoke",
    ),
    path(
        f"{CHAPTER}manage/organisers/<int:user_id>/remove/",
        chapters.chapter_organiser_remove,
        name="chapter_organiser_remove",
    ),
    path(UNION, accounts.organisation, name="manage"),
    path(f"{UNION}page/", page.organisation_edit, name="edit"),
    path(f"{UNION}demands/", page.demands, name="demands"),
    path(f"{UNION}demands/<int:pk>/", page.demand_edit, name="demand_edit"),
    path(f"{UNION}demands/<int:pk>/delete/", page.demand_delete, name="demand_delete"),
    path(f"{UNION}chapters/add/", page.chapter_add, name="chapter_add"),
    path(f"{UNION}chapter-requests/", page.chapter_requests, name="chapter_requests"),
    path(
        f"{UNION}chapter-requests/<int:pk>/",
        page.chapter_request_detail,
        name="chapter_request_detail",
    ),
    path(
        f"{UNION}chapter-requests/<int:pk>/approve/",
        page.chapter_request_approve,
        name="chapter_request_approve",
    ),
    path(
        f"{UNION}chapter-requests/<int:pk>/decline/",
        page.chapter_request_decline,
        name="chapter_request_decline",
    ),
    path(f"{UNION}verify/", accounts.organisation_verify, name="verify"),
    path(f"{UNION}unverify/", accounts.organisation_unverify, name="unverify"),
    path(f"{UNION}invite/", accounts.organisation_invite, name="invite"),
    path(
        f"{UNION}invitations/<int:pk>/revoke/",
        accounts.organisation_invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        f"{UNION}holders/<int:user_id>/remove/",
        accounts.organisation_holder_remove,
        name="holder_remove",
    ),
]
