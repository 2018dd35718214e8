"""The queue and an item's page cost the same number of queries however much they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_dispute
from tests.moderation.helpers import make_submission

pytestmark = pytest.mark.django_db

# Session, user, the role (asked by the view, the two-factor check and the header), the
# authenticator, the country filter and its names, the page's count and rows, the header's count.
QUEUE_QUERIES = 11


def test_the_queue_with_sixty_items(moderator_client, django_assert_max_num_queries):
    for n in range(60):
        make_submission(
            kind="strike" if n % 2 else "lockout",
            country="GB" if n % 3 else "FR",
            sources=["https://news.example.org/a"] if n % 4 else [],
        )

    with django_assert_max_num_queries(QUEUE_QUERIES):
        response = moderator_client.get("/moderation/")
    assert response.text.count('name="items"') == 50

    with django_assert_max_num_queries(QUEUE_QUERIES):
        response = moderator_client.get("/moderation/?country=GB&category=strike&order=oldest")
    assert response.status_code == 200


def test_the_queue_costs_the_same_for_five_items_or_sixty(
    moderator_client, django_assert_num_queries
):
    for _ in range(5):
        make_submission()
    with CaptureQueriesContext(connection) as few:
        moderator_client.get("/moderation/")
    for _ in range(55):
        make_submission()

    with django_assert_num_queries(len(few)):
        moderator_client.get("/moderation/")


def test_an_items_page_with_many_nearby_disputes(moderator_client, django_assert_max_num_queries):
    for n in range(30):
        make_dispute(employer="Leeds Bus Ltd" if n % 2 else f"Other {n}", lat=53.79 + n * 0.001)
    _, item = make_submission(employer="Leeds Bus Ltd")

    with django_assert_max_num_queries(25):
        response = moderator_client.get(f"/moderation/{item.pk}/")

    assert response.text.count("Merge into this dispute") == 5
