"""The decorators other apps put on moderation and dispute-management views."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from picketline.accounts.decorators import moderator_required, two_factor_verified_required
from picketline.accounts.two_factor import VERIFIED_KEY
from tests.factories import make_admin, make_moderator, make_user

pytestmark = pytest.mark.django_db


@moderator_required
def queue(request):
    return HttpResponse("the queue")


@two_factor_verified_required
def private(request):
    return HttpResponse("private")


def _request(user, *, verified=False):
    request = RequestFactory().get("/moderation/?page=2")
    request.user = user or AnonymousUser()
    request.session = SessionStore()
    if verified:
        request.session[VERIFIED_KEY] = True
    return request


def test_it_sends_anonymous_visitors_to_log_in():
    for view in (queue, private):
        response = view(_request(None))
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=/moderation/%3Fpage%3D2"


def test_it_refuses_a_supporter():
    with pytest.raises(PermissionDenied):
        queue(_request(make_user()))


def test_it_lets_a_supporter_through_the_plain_two_factor_check():
    assert private(_request(make_user())).content == b"private"


@pytest.mark.parametrize("make", [make_moderator, make_admin])
def test_it_sends_a_moderator_without_a_device_to_set_one_up(make):
    person = make(with_device=False)
    for view in (queue, private):
        response = view(_request(person, verified=True))
        assert response.status_code == 302
        assert response["Location"] == (
            "/accounts/two-factor/setup/?next=%2Fmoderation%2F%3Fpage%3D2"
        )


@pytest.mark.parametrize("make", [make_moderator, make_admin])
def test_it_asks_a_moderator_with_a_device_for_the_code(make):
    person = make()
    for view in (queue, private):
        response = view(_request(person))
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/code/?next=%2Fmoderation%2F%3Fpage%3D2"


@pytest.mark.parametrize("make", [make_moderator, make_admin])
def test_it_lets_a_verified_moderator_in(make):
    person = make()
    assert queue(_request(person, verified=True)).content == b"the queue"
    assert private(_request(person, verified=True)).content == b"private"


def test_it_sends_a_moderator_without_a_device_to_set_up_through_the_site(client):
    client.force_login(make_moderator(with_device=False))
    response = client.get("/accounts/tokens/", follow=True)
    assert (
        response.redirect_chain[-1][0] == "/accounts/two-factor/setup/?next=%2Faccounts%2Ftokens%2F"
    )
    assert "Set up two-factor authentication" in response.text
