"""A moderator sees everything submitted, its likely duplicates, and how to decide."""

import pytest

from picketline.moderation.services import item_answer, item_ask, item_reject
from tests.factories import make_dispute
from tests.moderation.helpers import LEEDS, make_submission

pytestmark = pytest.mark.django_db


def test_it_shows_every_field_and_marks_the_contact_details_private(moderator_client):
    _, item = make_submission(
        employer="Leeds Bus Ltd",
        unions="Unite, GMB",
        sources=["https://union.example.org/leeds-bus"],
        solidarity_email="committee@example.org",
        demands=["pay", "safety"],
        picket_address="Kirkstall Road depot",
    )

    response = moderator_client.get(f"/moderation/{item.pk}/")

    assert response.status_code == 200
    text = response.text
    for value in (
        "Leeds Bus Ltd",
        "Unite, GMB",
        "Cleaners walked out over unpaid wages.",
        "https://union.example.org/leeds-bus",
        "Kirkstall Road depot",
        "Health and safety",
        "53.79650, -1.54780",
    ):
        assert value in text, value
    private = text.split('class="private-box"')[1].split("</section>")[0]
    assert "Private" in private
    assert "reporter@example.org" in private
    assert "Sam Reporter" in private
    assert "committee@example.org" in private


def test_it_lists_likely_duplicates_with_score_reasons_and_a_merge_button(moderator_client):
    existing = make_dispute(title="Leeds Bus strike", employer="Leeds Bus Ltd", union="GMB")
    make_dispute(title="Far away", employer="Other Co", union="Other", lat=51.5, lon=-0.1)
    _, item = make_submission(employer="Leeds Bus Ltd", point=LEEDS)

    response = moderator_client.get(f"/moderation/{item.pk}/")

    duplicates = response.text.split('id="duplicates-heading"')[1].split("</section>")[0]
    assert "Leeds Bus strike" in duplicates
    assert f'href="{existing.get_absolute_url()}"' in duplicates
    assert "Score 100 of 100" in duplicates
    assert "Same employer" in duplicates
    assert "Same union" in duplicates
    assert "Merge into this dispute" in duplicates
    assert f'name="target" value="{existing.pk}"' in duplicates
    assert "Far away" not in duplicates


def test_it_offers_every_action_with_the_items_version(moderator_client):
    _, item = make_submission()

    response = moderator_client.get(f"/moderation/{item.pk}/")

    text = response.text
    for action in ("approve", "approve-with-edits", "reject", "merge", "ask"):
        assert f'action="/moderation/{item.pk}/{action}/"' in text, action
    assert text.count(f'name="version" value="{item.version}"') >= 5
    # The edit form is filled in with what was submitted, the title and tier included.
    assert 'name="title"' in text
    assert 'name="verification"' in text
    assert "Union-verified" in text
    assert "Your reason is emailed to the submitter." in text


def test_it_explains_why_an_anonymous_submitter_cannot_be_asked(moderator_client):
    _, item = make_submission(email="")

    response = moderator_client.get(f"/moderation/{item.pk}/")

    assert "The submitter left no email address, so they cannot be asked." in response.text
    assert "<fieldset disabled" in response.text
    assert "your reason is kept in the history only" in response.text


def test_it_shows_the_questions_answers_and_history(moderator_client, moderator):
    _, item = make_submission()
    item = item_ask(item=item, version=item.version, user=moderator, question="Which gate?")
    item_answer(item=item, body="The north gate, from 6am.")

    response = moderator_client.get(f"/moderation/{item.pk}/")

    text = response.text
    assert "Which gate?" in text
    assert "The north gate, from 6am." in text
    history = text.split('id="history-heading"')[1]
    assert "Submitted" in history
    who = f"<bdi>{moderator.username}</bdi>"
    assert f"Question sent to the submitter</strong>\n          by {who}" in history
    assert "The submitter answered" in history


def test_it_shows_a_decided_item_without_actions(moderator_client, moderator):
    _, item = make_submission()
    item_reject(item=item, version=item.version, user=moderator, reason="Not a dispute")

    response = moderator_client.get(f"/moderation/{item.pk}/")

    assert response.status_code == 200
    assert f"Rejected by <bdi>{moderator.username}</bdi>" in response.text
    assert "Not a dispute" in response.text
    assert "/approve/" not in response.text
    assert 'id="duplicates-heading"' not in response.text


def test_it_answers_404_for_an_unknown_item(moderator_client):
    assert moderator_client.get("/moderation/999999/").status_code == 404


def test_it_names_the_language_of_the_description(moderator_client):
    _, item = make_submission(language="es")

    response = moderator_client.get(f"/moderation/{item.pk}/")

    assert "Language of the description: Spanish" in response.text
