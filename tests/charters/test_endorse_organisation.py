"""An organisation endorses a charter: it goes through the moderators' queue and shows only
once verified; a rejected one never counts; its contact address is never shown."""

import pytest

from picketline.charters.models import Endorsement
from picketline.charters.selectors import endorsement_counts
from picketline.moderation.models import ModerationItem
from picketline.moderation.services import item_approve, item_for_object, item_reject
from tests import factories
from tests.charters import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def charter():
    return helpers.make_charter(slug="workers")


def _form(**extra):
    return {
        "kind": "organisation",
        "organisation": "Sindacato Metalmeccanici",
        "email": "contact@sindacato.example",
        "country": "IT",
        **extra,
    }


def test_it_shows_only_after_a_moderator_verifies_it(client, charter):
    response = client.post("/charters/workers/endorse/", _form())
    assert response.status_code == 303
    assert "as=organisation" in response["Location"]
    endorsement = Endorsement.objects.get()
    assert endorsement.status == "pending"
    item = ModerationItem.objects.get(kind="endorsement")
    assert item.country == "IT"
    assert "Sindacato Metalmeccanici" not in client.get("/charters/workers/").content.decode()
    assert endorsement_counts(charter).organisations == 0

    item_approve(item=item, version=item.version, user=factories.make_moderator())
    endorsement.refresh_from_db()
    assert endorsement.status == "counted"
    page = client.get("/charters/workers/").content.decode()
    assert "Sindacato Metalmeccanici" in page
    assert "contact@sindacato.example" not in page
    assert endorsement_counts(charter).organisations == 1


def test_a_rejected_endorsement_never_counts(client, charter):
    client.post("/charters/workers/endorse/", _form())
    item = item_for_object(Endorsement.objects.get())
    item_reject(item=item, version=item.version, user=factories.make_moderator(), reason="Unknown")
    assert Endorsement.objects.get().status == "rejected"
    assert "Sindacato Metalmeccanici" not in client.get("/charters/workers/").content.decode()
    assert endorsement_counts(charter).organisations == 0


def test_the_same_address_does_not_queue_it_twice(client, charter):
    client.post("/charters/workers/endorse/", _form())
    client.post("/charters/workers/endorse/", _form(email="CONTACT@sindacato.example"))
    assert Endorsement.objects.count() == 1
    assert ModerationItem.objects.filter(kind="endorsement").count() == 1


def test_moderators_see_it_in_the_queue(client, charter):
    client.post("/charters/workers/endorse/", _form())
    item = ModerationItem.objects.get(kind="endorsement")
    factories.login(client, factories.make_moderator())
    page = client.get(f"/moderation/{item.pk}/").content.decode()
    assert "Sindacato Metalmeccanici" in page
    assert "Italy" in page


def test_it_needs_the_organisations_name(client, charter):
    response = client.post("/charters/workers/endorse/", _form(organisation=""))
    assert response.status_code == 400
    assert not Endorsement.objects.exists()
    assert not ModerationItem.objects.exists()
