"""Only moderators and admins with a verified session reach the queue; nobody else learns
anything from it or changes anything in it."""

import pytest
from django.test import Client

from picketline.moderation.models import ItemStatus
from tests.factories import login, make_admin
from tests.moderation.helpers import make_submission

pytestmark = pytest.mark.django_db

URLS = [
    ("get", "/moderation/"),
    ("get", "/moderation/{pk}/"),
    ("post", "/moderation/bulk/"),
    ("post", "/moderation/{pk}/approve/"),
    ("post", "/moderation/{pk}/approve-with-edits/"),
    ("post", "/moderation/{pk}/reject/"),
    ("post", "/moderation/{pk}/merge/"),
    ("post", "/moderation/{pk}/ask/"),
]


def request(client, method, url, item):
    data = {"version": item.version, "reason": "x", "items": [item.pk], "action": "approve"}
    url = url.format(pk=item.pk)
    return client.post(url, data) if method == "post" else client.get(url)


@pytest.mark.parametrize(("method", "url"), URLS)
def test_it_sends_anonymous_visitors_to_log_in(client, method, url):
    _, item = make_submission()

    for verb in {method, "get"}:
        response = request(client, verb, url, item)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=/moderation/")
    item.refresh_from_db()
    assert item.status == ItemStatus.PENDING


@pytest.mark.parametrize(("method", "url"), URLS)
def test_it_forbids_supporters(client, supporter, method, url):
    _, item = make_submission()
    login(client, supporter)

    for verb in {method, "get"}:
        assert request(client, verb, url, item).status_code == 403
    item.refresh_from_db()
    assert item.status == ItemStatus.PENDING


@pytest.mark.parametrize(("method", "url"), URLS)
def test_it_asks_a_moderator_for_the_second_factor_first(client, moderator, method, url):
    _, item = make_submission()
    client.force_login(moderator)

    response = request(client, method, url, item)

    assert response.status_code == 302
    assert "/moderation/" not in response["Location"].split("?")[0]
    item.refresh_from_db()
    assert item.status == ItemStatus.PENDING


def test_it_lets_admins_in(client):
    _, item = make_submission()
    login(client, make_admin())

    assert client.get("/moderation/").status_code == 200
    assert client.get(f"/moderation/{item.pk}/").status_code == 200


def test_the_action_urls_take_only_posts(moderator_client):
    _, item = make_submission()

    for _method, url in URLS[2:]:
        assert moderator_client.get(url.format(pk=item.pk)).status_code == 405


def test_actions_need_the_csrf_token(moderator):
    _, item = make_submission()
    strict = Client(enforce_csrf_checks=True)
    login(strict, moderator)

    response = strict.post(f"/moderation/{item.pk}/approve/", {"version": item.version})

    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == ItemStatus.PENDING
