"""`api_token_authenticate`: a hash lookup that ignores revoked tokens and inactive users."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from picketline.accounts import services
from picketline.accounts.models import ApiToken
from tests.factories import make_admin, make_user

pytestmark = pytest.mark.django_db


def test_it_finds_the_user_of_a_valid_token():
    user = make_user()
    _token, raw = services.api_token_create(user=user, name="Script")
    assert services.api_token_authenticate(raw=raw) == user


def test_it_knows_no_other_token():
    user = make_user()
    _token, raw = services.api_token_create(user=user, name="Script")
    for wrong in ("", "plt_", raw[:-1], raw + "x", raw.upper(), "x" * 5000):
        assert services.api_token_authenticate(raw=wrong) is None


def test_it_ignores_a_revoked_token():
    user = make_user()
    token, raw = services.api_token_create(user=user, name="Script")
    services.api_token_revoke(token=token, user=user)
    assert services.api_token_authenticate(raw=raw) is None


def test_it_ignores_the_token_of_a_deactivated_user():
    user = make_user()
    _token, raw = services.api_token_create(user=user, name="Script")
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert services.api_token_authenticate(raw=raw) is None


def test_it_notes_the_last_use_at_most_once_a_minute(django_assert_num_queries):
    user = make_user()
    token, raw = services.api_token_create(user=user, name="Script")
    with django_assert_num_queries(2):  # the lookup, and the first "last used"
        services.api_token_authenticate(raw=raw)
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    with django_assert_num_queries(1):  # the lookup alone
        services.api_token_authenticate(raw=raw)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - dt.timedelta(minutes=2))
    services.api_token_authenticate(raw=raw)
    token.refresh_from_db()
    assert token.last_used_at >= first
    assert timezone.now() - token.last_used_at < dt.timedelta(minutes=1)


def test_it_lets_an_admin_revoke_anyones_token_but_not_others():
    token, _raw = services.api_token_create(user=make_user(), name="Script")
    with pytest.raises(PermissionDenied):
        services.api_token_revoke(token=token, user=make_user())
    services.api_token_revoke(token=token, user=make_admin())
    token.refresh_from_db()
    assert token.revoked_at is not None
