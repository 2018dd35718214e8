"""Membership on organisations' and chapters' public pages, through the organisation hooks:
a join button and the membership drive under the name, the number of members beside the
chapters, "join this chapter" on a chapter's page. Counts, never a member's name."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from picketline.organisations.models import Organisation
from tests import factories
from tests.membership import helpers

pytestmark = pytest.mark.django_db

SENTINEL_NAME = "Zebulon Sentinelname"
SENTINEL_EMAIL = "zebulon.sentinel@example.net"


@pytest.fixture
def network():
    network = helpers.make_network(name="Couriers Network")
    leeds = helpers.make_chapter(network, name="Leeds")
    plan = helpers.make_plan(network)
    for _ in range(3):
        helpers.make_member(network, chapter=leeds, plan=plan)
    helpers.make_member(network, chapter=leeds, name=SENTINEL_NAME, email=SENTINEL_EMAIL)
    helpers.make_member(network, status="left")
    helpers.make_member(network, status="pending")
    return network


def test_it_shows_a_join_button_the_drive_and_the_number_of_members(client, network):
    response = client.get(network.get_absolute_url())
    body = response.content.decode()
    assert f'href="/organisations/{network.slug}/join/"' in body
    assert f'href="/organisations/{network.slug}/drive/"' in body
    # Four active members; those who left or have not confirmed are not counted.
    assert "<dt>Members</dt><dd>4</dd>" in body
    assert [s.key for s in response.context["action_sections"]] == ["join"]


def test_it_names_no_member_anywhere_on_the_page(client, network):
    chapter = network.chapters.get()
    for url in (
        network.get_absolute_url(),
        f"/organisations/{network.slug}/chapters/{chapter.slug}/",
    ):
        body = client.get(url).content.decode()
        assert SENTINEL_NAME not in body and "Sentinelname" not in body
        assert SENTINEL_EMAIL not in body and "zebulon" not in body.lower()


def test_a_chapters_page_links_to_joining_that_chapter(client, network):
    chapter = network.chapters.get()
    body = client.get(f"/organisations/{network.slug}/chapters/{chapter.slug}/").content.decode()
    url = f"/organisations/{network.slug}/join/?chapter={chapter.slug}"
    assert f'href="{url}"' in body

    form = client.get(url).context["form"]
    assert form["chapter"].value() == chapter.pk


def test_a_chapter_of_another_organisation_is_not_preselected(client, network):
    other = helpers.make_network(name="Other Network")
    other_chapter = helpers.make_chapter(other, name="Madrid")
    helpers.make_chapter(network, name="York")
    form = client.get(f"/organisations/{network.slug}/join/?chapter={other_chapter.slug}").context[
        "form"
    ]
    assert form["chapter"].value() is None


def test_people_cannot_join_an_employer(client):
    employer = factories.make_organisation(
        name="Speedy Couriers Ltd", kind=Organisation.Kind.EMPLOYER
    )
    body = client.get(employer.get_absolute_url()).content.decode()
    assert "/join/" not in body and "/drive/" not in body
    assert "<dt>Members</dt>" not in body
    assert client.get(f"/organisations/{employer.slug}/join/").status_code == 404
    assert client.get(f"/organisations/{employer.slug}/drive/").status_code == 404
    response = client.post(
        f"/api/v1/organisations/{employer.slug}/members",
        {"name": "A", "email": "a@example.org", "place": "Leeds", "agree": True, "consent": True},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_a_union_can_be_joined(client):
    union = factories.make_organisation(name="Riders Union", kind=Organisation.Kind.UNION)
    body = client.get(union.get_absolute_url()).content.decode()
    assert f'href="/organisations/{union.slug}/join/"' in body
    assert "<dt>Members</dt><dd>0</dd>" in body


def test_the_pages_queries_do_not_grow_with_members_or_chapters(client, network):
    def queries(url):
        # The second request, as a running site serves it: parts of the page are kept in the
        # cache under data versions, filled by the first.
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    chapter = network.chapters.get()
    chapter_url = f"/organisations/{network.slug}/chapters/{chapter.slug}/"
    before = queries(network.get_absolute_url()), queries(chapter_url)
    for n in range(4):
        extra = helpers.make_chapter(network, name=f"Extra {n}")
        for _ in range(3):
            helpers.make_member(network, chapter=extra)
    assert (queries(network.get_absolute_url()), queries(chapter_url)) == before
