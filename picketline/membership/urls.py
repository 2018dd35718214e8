"""Membership (namespace `membership`): joining, members' own links, rosters, dues, the
membership drive, and payment providers' webhooks."""

from django.urls import path

from picketline.membership.dues import views as dues
from picketline.membership.members import views as members
from picketline.membership.payments import views as payments

app_name = "membership"

ORG = "organisations/<str:slug>/"
MEMBER = ORG + "members/<int:pk>/"

urlpatterns = [
    path(ORG + "join/", members.join, name="join"),
    path(ORG + "join/sent/", members.join_sent, name="join_sent"),
    path(ORG + "drive/", members.drive, name="drive"),
    path("members/confirm/<str:token>/", members.confirm, name="confirm"),
    path("members/me/<str:token>/", members.mine, name="mine"),
    path("my/memberships/", members.my_memberships, name="my_memberships"),
    path("my/memberships/<int:pk>/leave/", members.my_membership_leave, name="my_leave"),
    path(ORG + "members/", members.roster, name="roster"),
    path(ORG + "members.csv", members.roster_export, name="roster_export"),
    path(ORG + "members/message/", members.roster_message, name="roster_message"),
    path(ORG + "members/add/", members.member_add, name="member_add"),
    path(MEMBER, members.member, name="member"),
    path(MEMBER + "payments/", members.member_payment, name="member_payment"),
    path(MEMBER + "entries/<int:entry>/reverse/", members.entry_reverse, name="entry_reverse"),
    path(MEMBER + "left/", members.member_left, name="member_left"),
    path(MEMBER + "change/", members.member_change, name="member_change"),
    path(MEMBER + "data.json", members.member_export, name="member_export"),
    path(MEMBER + "erase/", members.member_erase, name="member_erase"),
    path(ORG + "dues/", dues.dues, name="dues"),
    path(ORG + "dues/plans/", dues.plan_add, name="plan_add"),
    path(ORG + "dues/plans/<int:pk>/retire/", dues.plan_retire, name="plan_retire"),
    path(ORG + "dues/settings/", dues.settings_change, name="settings"),
    path(ORG + "dues/bank/", dues.bank_preview, name="bank_preview"),
    path(ORG + "dues/bank/confirm/", dues.bank_confirm, name="bank_confirm"),
    path("payments/stripe/webhook", payments.stripe_webhook, name="stripe_webhook"),
]
