import pytest
from django.urls import reverse

from picketline.solidarity.models import MessageRecipient
from tests.factories import login, make_coordinator, make_dispute, make_user

PAGES = [
    ("get", "message_inbox"),
    ("get", "message_export"),
    ("get", "message_print"),
    ("post", "message_frequency"),
]


def _call(client, method, name, dispute):
    url = reverse(f"solidarity:{name}", kwargs={"slug": dispute.slug})
    data = {"recipient": "contact", "frequency": "hourly"} if method == "post" else {}
    return getattr(client, method)(url, data)


@pytest.mark.parametrize(("method", "name"), PAGES)
def test_it_sends_anonymous_visitors_to_log_in(client, db, method, name):
    response = _call(client, method, name, make_dispute())
    assert response.status_code == 302
    assert "/login" in response["Location"]


@pytest.mark.parametrize(("method", "name"), PAGES)
def test_it_refuses_a_supporter(client, db, method, name):
    login(client, make_user())
    assert _call(client, method, name, make_dispute()).status_code == 403


@pytest.mark.parametrize(("method", "name"), PAGES)
def test_it_refuses_another_disputes_coordinator(client, db, method, name):
    dispute = make_dispute(solidarity_email="committee@example.org")
    login(client, make_coordinator(make_dispute()))
    assert _call(client, method, name, dispute).status_code == 403
    assert not MessageRecipient.objects.filter(frequency="hourly").exists()


@pytest.mark.parametrize(("method", "name"), PAGES)
def test_it_lets_the_coordinator_in(client, db, method, name):
    dispute = make_dispute(solidarity_email="committee@example.org")
    login(client, make_coordinator(dispute))
    assert _call(client, method, name, dispute).status_code in {200, 302}


@pytest.mark.parametrize(("method", "name"), PAGES)
def test_it_lets_a_moderator_in(client, db, moderator, method, name):
    dispute = make_dispute(solidarity_email="committee@example.org")
    login(client, moderator)
    assert _call(client, method, name, dispute).status_code in {200, 302}
