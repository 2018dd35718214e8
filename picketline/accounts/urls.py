from django.contrib.auth import views as auth_views
from django.urls import path

from picketline.accounts import passkey_views, views
from picketline.accounts.decorators import two_factor_verified_required

urlpatterns = [
    path("", views.account, name="account"),
    path("login/", views.login, name="login"),
    path("login/code/", views.login_code, name="login_code"),
    path(
        "login/passkey/options/",
        passkey_views.login_passkey_options,
        name="login_passkey_options",
    ),
    path("login/passkey/", passkey_views.login_passkey, name="login_passkey"),
    path("passkeys/", passkey_views.passkey_list, name="passkeys"),
    path("passkeys/add/options/", passkey_views.passkey_add_options, name="passkey_add_options"),
    path("passkeys/add/", passkey_views.passkey_add, name="passkey_add"),
    path("passkeys/<int:pk>/rename/", passkey_views.passkey_rename, name="passkey_rename"),
    path("passkeys/<int:pk>/remove/", passkey_views.passkey_remove, name="passkey_remove"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path(
        "two-factor/recovery-codes/",
        views.two_factor_recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path("two-factor/remove/", views.two_factor_remove, name="two_factor_remove"),
    path("tokens/", views.api_tokens, name="api_tokens"),
    path("tokens/<int:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/reset/",
        views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    # Behind the second factor like every other account page: a password alone is not enough
    # to change it.
    path(
        "password/change/",
        two_factor_verified_required(auth_views.PasswordChangeView.as_view()),
        name="password_change",
    ),
    path(
        "password/change/done/",
        two_factor_verified_required(auth_views.PasswordChangeDoneView.as_view()),
        name="password_change_done",
    ),
]
