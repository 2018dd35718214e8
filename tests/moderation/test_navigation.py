"""The header links moderators to the queue with the number waiting; nobody else sees it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from picketline.moderation.services import item_reject
from tests.factories import login
from tests.moderation.helpers import make_submission

pytestmark = pytest.mark.django_db


def test_moderators_see_the_link_with_the_pending_count(moderator_client, moderator):
    make_submission()
    make_submission()
    _, decided = make_submission()
    item_reject(item=decided, version=decided.version, user=moderator, reason="Spam")

    response = moderator_client.get("/disputes/")

    nav = response.text.split('class="site-nav"')[1].split("</nav>")[0]
    assert (
        'href="/moderation/">Moderation <span class="nav-count" aria-hidden="true">2</span>' in nav
    )
    assert "(2 items to review)" in nav


def test_supporters_do_not_see_it(client, supporter):
    make_submission()
    login(client, supporter)

    assert "/moderation/" not in client.get("/disputes/").text


def test_anonymous_pages_ask_nothing_about_the_queue(client):
    make_submission()

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/data/")

    assert response.status_code == 200
    assert "/moderation/" not in response.text
    assert not [q for q in queries if "moderation" in q["sql"] or "auth_group" in q["sql"]]
