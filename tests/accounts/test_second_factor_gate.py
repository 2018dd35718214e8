"""Nothing personal is served to someone who must use two factors and has given only a password.

Every non-public page of the permission matrix (tests/test_permissions.py lists them all, and
fails for any URL it does not classify) is opened straight away by a moderator and an admin
who signed in with a password but have not set up a second factor, and by ones who have a
second factor but have not given it in this session. Each is sent to set one up or to give
it, and no page along the way shows anyone's contact details.
"""

from urllib.parse import urlsplit

import pytest

from tests import factories
from tests import test_permissions as permissions

# The permission matrix's world: a dispute with everything that hangs off it, and its people.
world = permissions.world

SETUP = "/accounts/two-factor/setup/"
CODE = "/accounts/login/code/"
PASSKEYS = "/accounts/passkeys/"
# Pages where the first second factor is set up: the only ones open before it exists.
SETUP_PAGES = {SETUP, PASSKEYS}


def _personal(world):
    """What must not be shown: other people's contact details, names and passkeys."""
    people = [person for person in world["people"].values() if person is not None]
    return [
        "new@example.org",
        "rep@example.org",
        "Supporter&#x27;s phone",
        "Supporter's phone",
        *(person.email for person in people),
    ]


def _urls(world):
    values = permissions._values(world)
    urls = sorted(url.format(**values) for _method, url in permissions.MATRIX)
    assert len(urls) > 70  # every page of the matrix, not a handful
    return urls


def _login_for_admin(url, person):
    """The admin sends anyone who is not staff to the login page, which shows nothing."""
    return {"/accounts/login/"} if url.startswith("/admin/") and not person.is_staff else set()


def _open(client, url):
    response = client.get(url, follow=True)
    final = urlsplit(response.redirect_chain[-1][0]).path if response.redirect_chain else url
    return response, final


@pytest.mark.parametrize("make", [factories.make_moderator, factories.make_admin])
def test_no_second_factor_yet_sends_every_page_to_the_set_up(client, world, make):
    person = make(with_device=False)
    client.force_login(person)  # a correct password, nothing more
    secrets = _personal(world)
    for url in _urls(world):
        response, final = _open(client, url)
        if response.status_code == 405:  # POST-only: refused before anything is read
            post = client.post(url)
            if url.startswith(PASSKEYS):  # adding the first passkey is setting one up
                assert post.status_code in {200, 400, 404}, url
                continue
            assert post.status_code in {302, 403, 404}, url
            if post.status_code == 302:
                assert urlsplit(post["Location"]).path in SETUP_PAGES, url
            continue
        assert final in SETUP_PAGES | _login_for_admin(url, person), f"{url} ended at {final}"
        assert response.status_code == 200, url
        for secret in secrets:
            assert secret not in response.text, f"{url} shows {secret}"


@pytest.mark.parametrize("make", [factories.make_moderator, factories.make_admin])
def test_a_second_factor_not_given_sends_every_page_to_the_second_step(client, world, make):
    person = make()
    client.force_login(person)  # a session from before the second step
    secrets = _personal(world)
    for url in _urls(world):
        response, final = _open(client, url)
        if response.status_code == 405:
            post = client.post(url)
            assert post.status_code in {302, 403, 404}, url
            if post.status_code == 302:
                assert urlsplit(post["Location"]).path == CODE, url
            continue
        assert final in {CODE} | _login_for_admin(url, person), f"{url} ended at {final}"
        assert response.status_code == 200, url
        for secret in secrets:
            assert secret not in response.text, f"{url} shows {secret}"
