"""Keys that look like numbers to Python but are not ids: found by fuzzing, once server errors."""

import pytest

from tests import factories
from tests.api.helpers import body, problem

pytestmark = pytest.mark.django_db

# A superscript one: str.isdigit() says yes, int() refuses it.
SUPERSCRIPT = "\u00b9"


@pytest.mark.parametrize("path", ["disputes", "organisations", "events"])
def test_a_superscript_digit_is_looked_up_as_a_slug(client, path):
    factories.make_dispute()
    problem(client.get(f"/api/v1/{path}/{SUPERSCRIPT}"), 404)


def test_a_message_to_a_superscript_digit_finds_no_dispute(client):
    response = client.post(
        f"/api/v1/disputes/{SUPERSCRIPT}/messages",
        data={"body": "Solidarity!"},
        content_type="application/json",
    )
    problem(response, 404)


def test_a_union_named_by_a_superscript_digit_matches_nothing(client):
    factories.make_dispute(union="Unite")
    assert body(client.get(f"/api/v1/disputes?union={SUPERSCRIPT}"))["items"] == []
