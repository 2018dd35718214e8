import pytest
from django.core.cache import cache

from picketline.disputes.models import Submission
from tests.disputes.submissions.helpers import ADD_URL, valid_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _post(client, address="198.51.100.7", **changes):
    return client.post(ADD_URL, valid_data(**changes), REMOTE_ADDR=address)


def test_it_refuses_the_eleventh_report_in_an_hour_and_stores_nothing(client):
    for _ in range(10):
        assert _post(client).status_code == 303
    response = _post(client, employer="The eleventh")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many reports from your connection" in response.text
    assert Submission.objects.count() == 10
    assert not Submission.objects.filter(employer="The eleventh").exists()


def test_it_keeps_what_was_typed_when_refusing(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "submission": "1/hour"}
    _post(client)
    response = _post(client, employer="Kept Employer Name")
    assert response.status_code == 429
    assert 'value="Kept Employer Name"' in response.text
    assert "Warehouse workers walked out" in response.text
    assert 'value="safety" id="id_demands_' in response.text.replace(" checked", "")


def test_it_counts_invalid_attempts_too(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "submission": "2/hour"}
    assert _post(client, employer="").status_code == 400
    assert _post(client, employer="").status_code == 400
    assert _post(client).status_code == 429
    assert Submission.objects.count() == 0


def test_it_counts_each_address_apart(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "submission": "2/hour"}
    assert _post(client).status_code == 303
    assert _post(client).status_code == 303
    assert _post(client).status_code == 429
    assert _post(client, address="203.0.113.9").status_code == 303
    assert Submission.objects.count() == 3


def test_it_does_not_count_reading_the_form(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "submission": "1/hour"}
    for _ in range(3):
        assert client.get(ADD_URL, REMOTE_ADDR="198.51.100.7").status_code == 200
    assert _post(client).status_code == 303
