"""A person endorses a charter: counted only once the emailed link confirms it, the link works
once, an expired or forged link does nothing, the name is public only when they agree, and the
same address never counts twice."""

import datetime as dt

import pytest
from django.utils import timezone

from picketline.charters.models import Endorsement
from picketline.charters.selectors import endorsement_counts
from picketline.charters.tasks import unconfirmed_endorsements_forget
from picketline.core.models import AuditEntry
from picketline.core.reminders import reminder_tasks
from tests.charters import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def charter():
    return helpers.make_charter(slug="workers")


def _form(**extra):
    return {
        "kind": "person",
        "name": "Rosa Picket",
        "email": "rosa@example.org",
        "country": "IT",
        "public": "on",
        **extra,
    }


def test_it_counts_only_after_the_emailed_link_is_followed(client, charter):
    response = client.post("/charters/workers/endorse/", _form())
    assert response.status_code == 303
    endorsement = Endorsement.objects.get()
    assert endorsement.status == "pending"
    assert endorsement_counts(charter).people == 0
    page = client.get("/charters/workers/").content.decode()
    assert "Rosa Picket" not in page

    link = helpers.confirm_link("rosa@example.org")
    raw = link.rstrip("/").rsplit("/", 1)[1]
    assert raw != endorsement.confirm_token_hash
    # Opening the link shows a button; a mail scanner's GET changes nothing.
    assert client.get(link).status_code == 200
    assert Endorsement.objects.get().status == "pending"

    response = client.post(link)
    assert response.status_code == 303
    assert response["Location"] == "/charters/workers/#endorsements"
    endorsement.refresh_from_db()
    assert endorsement.status == "counted"
    assert endorsement.counted_at is not None
    counts = endorsement_counts(charter)
    assert (counts.people, counts.organisations) == (1, 0)
    assert [(c.code, c.people) for c in counts.countries] == [("IT", 1)]
    page = client.get("/charters/workers/").content.decode()
    assert "Rosa Picket" in page
    assert AuditEntry.objects.filter(action="charter.endorsement_confirmed").count() == 1


def test_the_link_confirms_once(client, charter):
    client.post("/charters/workers/endorse/", _form())
    link = helpers.confirm_link("rosa@example.org")
    assert client.post(link).status_code == 303
    again = client.post(link)
    assert again.status_code == 404
    assert "already been used" in again.content.decode()
    assert endorsement_counts(charter).people == 1


def test_an_expired_link_is_refused(client, charter):
    client.post("/charters/workers/endorse/", _form())
    link = helpers.confirm_link("rosa@example.org")
    Endorsement.objects.update(confirm_expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = client.post(link)
    assert response.status_code == 410
    assert Endorsement.objects.get().status == "pending"
    assert endorsement_counts(charter).people == 0


def test_a_forged_link_is_refused(client, charter):
    client.post("/charters/workers/endorse/", _form())
    for token in ("forged-token", "x" * 200, Endorsement.objects.get().confirm_token_hash):
        response = client.post(f"/charter-endorsements/{token}/")
        assert response.status_code == 404
    assert Endorsement.objects.get().status == "pending"


def test_a_hidden_name_is_never_shown_but_the_country_is(client, charter):
    helpers.endorse_person(
        charter, email="hidden@example.org", name="Hidden Person", public=False, country="KR"
    )
    page = client.get("/charters/workers/").content.decode()
    assert "Hidden Person" not in page
    assert "South Korea" in page
    assert endorsement_counts(charter).people == 1


def test_the_same_address_never_counts_twice(client, charter):
    client.post("/charters/workers/endorse/", _form())
    first_link = helpers.confirm_link("rosa@example.org")
    # Again while waiting, typed differently: a new link, no new endorsement.
    client.post("/charters/workers/endorse/", _form(email="ROSA@Example.org", name="Someone Else"))
    assert Endorsement.objects.count() == 1
    assert Endorsement.objects.get().name == "Rosa Picket"
    second_link = helpers.confirm_link("rosa@example.org")
    assert second_link != first_link
    assert client.post(first_link).status_code == 404
    assert client.post(second_link).status_code == 303
    # Again once counted: nothing changes, and the answer is the same.
    response = client.post("/charters/workers/endorse/", _form())
    assert response.status_code == 303
    assert Endorsement.objects.count() == 1
    assert endorsement_counts(charter).people == 1


def test_bad_input_stores_nothing(client, charter):
    for data in (
        _form(country=""),
        _form(country="XX"),
        _form(email="not-an-address"),
        _form(name=""),
        _form(kind="robot"),
    ):
        response = client.post("/charters/workers/endorse/", data)
        assert response.status_code == 400, data
    assert not Endorsement.objects.exists()


def test_the_honeypot_refuses_and_stores_nothing(client, charter):
    response = client.post("/charters/workers/endorse/", _form(website="http://spam.example"))
    assert response.status_code == 400
    assert "could not be sent" in response.content.decode()
    assert not Endorsement.objects.exists()


def test_it_is_rate_limited_per_address(client, charter, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "endorse": "2/hour"}
    for n in range(2):
        assert (
            client.post("/charters/workers/endorse/", _form(email=f"p{n}@example.org")).status_code
            == 303
        )
    response = client.post("/charters/workers/endorse/", _form(email="p9@example.org"))
    assert response.status_code == 429
    assert "Retry-After" in response
    assert Endorsement.objects.count() == 2


def test_an_endorsement_never_confirmed_is_forgotten_once_its_link_expired(client, charter):
    client.post("/charters/workers/endorse/", _form())
    client.post("/charters/workers/endorse/", _form(email="later@example.org"))
    helpers.endorse_person(charter, email="counted@example.org")
    Endorsement.objects.filter(email="rosa@example.org").update(
        confirm_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert unconfirmed_endorsements_forget.call() == 1
    assert sorted(Endorsement.objects.values_list("email", flat=True)) == [
        "counted@example.org",
        "later@example.org",
    ]
    assert unconfirmed_endorsements_forget in reminder_tasks()
