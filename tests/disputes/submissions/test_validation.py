import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from picketline.disputes.models import Submission
from picketline.moderation.models import ModerationItem
from tests.disputes.submissions.helpers import ADD_URL, valid_data

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
TOMORROW = TODAY + dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


# (what is changed, the one field that gets the error)
BAD_INPUTS = [
    ({"employer": ""}, "employer"),
    ({"employer": "x" * 201}, "employer"),
    ({"place_name": "", "latitude": "", "longitude": ""}, "place_name"),
    ({"place_name": "x" * 201}, "place_name"),
    ({"place_name": "Nowhere In Particular", "latitude": "", "longitude": ""}, "place_name"),
    ({"latitude": "91"}, "latitude"),
    ({"latitude": "nan"}, "latitude"),
    ({"latitude": "north"}, "latitude"),
    ({"longitude": "-180.5"}, "longitude"),
    ({"longitude": ""}, "longitude"),
    ({"latitude": ""}, "latitude"),
    ({"kind": ""}, "kind"),
    ({"kind": "riot"}, "kind"),
    ({"start_date": ""}, "start_date"),
    ({"start_date": "31/02/2025"}, "start_date"),
    ({"start_date": (TODAY + dt.timedelta(days=400)).isoformat(), "end_date": ""}, "start_date"),
    ({"end_date": (TODAY - dt.timedelta(days=1)).isoformat()}, "end_date"),
    ({"end_date": "soon"}, "end_date"),
    ({"description": ""}, "description"),
    ({"description": "x" * 5001}, "description"),
    ({"unions": "x" * 301}, "unions"),
    ({"dispute_status": "won"}, "dispute_status"),
    ({"workers_involved": "0"}, "workers_involved"),
    ({"workers_involved": "10000001"}, "workers_involved"),
    ({"workers_involved": "many"}, "workers_involved"),
    ({"sector": "space travel"}, "sector"),
    ({"demands": ["pay", "free lunch"]}, "demands"),
    ({"demands_other": "x" * 501}, "demands_other"),
    ({"picket_address": "x" * 301}, "picket_address"),
    ({"picket_ends_at": ""}, "picket_ends_at"),
    ({"picket_starts_at": ""}, "picket_starts_at"),
    ({"picket_starts_at": "early"}, "picket_starts_at"),
    ({"picket_ends_at": f"{TOMORROW}T05:00"}, "picket_ends_at"),
    ({"picket_ends_at": f"{TOMORROW}T06:00"}, "picket_ends_at"),
    ({"sources": "javascript:alert(1)"}, "sources"),
    ({"sources": "ftp://example.org/file"}, "sources"),
    ({"sources": "example.org without a scheme"}, "sources"),
    ({"sources": "https://example.org/" + "x" * 1000}, "sources"),
    ({"sources": "\n".join(f"https://example.org/{n}" for n in range(11))}, "sources"),
    ({"solidarity_email": "committee at example"}, "solidarity_email"),
    ({"language": "xx"}, "language"),
    ({"submitter_name": "x" * 101}, "submitter_name"),
    ({"submitter_email": "sam at example"}, "submitter_email"),
    ({"contact_consent": None}, "contact_consent"),
]


@pytest.mark.parametrize(("changes", "field"), BAD_INPUTS)
def test_it_refuses_a_bad_field_and_stores_nothing(client, changes, field):
    response = client.post(ADD_URL, valid_data(**changes))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {field}, errors
    assert "Your report was not sent yet" in response.text
    assert 'aria-invalid="true"' in response.text or field in {"latitude", "longitude"}
    assert Submission.objects.count() == 0
    assert ModerationItem.objects.count() == 0


def test_it_keeps_what_was_typed_after_an_error(client):
    response = client.post(ADD_URL, valid_data(employer=""))
    html = response.text
    assert "Warehouse workers walked out over the heat inside." in html
    assert 'value="safety" id="id_demands_' in html.replace(" checked", "")
    assert "https://example.org/news/walkout" in html
    # The optional section opens when one of its fields is wrong, not otherwise.
    assert '<details class="submission-more">' in html
    html = client.post(ADD_URL, valid_data(workers_involved="0")).text
    assert '<details class="submission-more" open>' in html


def test_it_explains_an_unknown_place(client):
    response = client.post(
        ADD_URL, valid_data(place_name="Nowhere In Particular", latitude="", longitude="")
    )
    (message,) = response.context["form"].errors["place_name"]
    assert message.startswith("We could not find this place")


def test_it_asks_for_consent_when_an_email_is_given(client):
    response = client.post(ADD_URL, valid_data(contact_consent=None))
    (message,) = response.context["form"].errors["contact_consent"]
    assert "Tick this box" in message


def test_it_accepts_the_limits_themselves(client):
    data = valid_data(
        employer="x" * 200,
        description="x" * 5000,
        workers_involved="10000000",
        start_date=(TODAY + dt.timedelta(days=366)).isoformat(),
        end_date="",
        sources="\n".join(f"https://example.org/{n}" for n in range(10)),
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 303, response.context["form"].errors
    assert len(Submission.objects.get().sources) == 10
