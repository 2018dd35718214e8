import pytest
from django.core.cache import cache

from picketline.disputes.models import Submission
from tests.disputes.submissions.helpers import ADD_URL, valid_data

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_it_stores_plain_text_only(client):
    response = client.post(
        ADD_URL,
        valid_data(
            employer=f"Acme {SCRIPT}Ltd",
            description=f"<b>Bold</b> claims {SCRIPT}<img src=x onerror=alert(1)> here",
            unions=f"<i>Union</i>{SCRIPT}",
            demands_other=f"More{SCRIPT}",
            picket_address="<a href='javascript:alert(1)'>Gate</a>",
            submitter_name=f"Sam{SCRIPT}",
        ),
    )
    assert response.status_code == 303
    submission = Submission.objects.get()
    assert submission.employer == "Acme Ltd"
    assert submission.description == "Bold claims  here"
    assert submission.unions == "Union"
    assert submission.demands_other == "More"
    assert submission.picket_address == "Gate"
    assert submission.submitter_name == "Sam"
    page = client.get(response["Location"]).text
    assert "<script>alert" not in page
    assert "onerror" not in page
    assert "javascript:alert" not in page


def test_it_refuses_a_field_that_was_only_markup(client):
    response = client.post(ADD_URL, valid_data(employer=SCRIPT))
    assert response.status_code == 400
    assert "employer" in response.context["form"].errors
    assert Submission.objects.count() == 0


def test_it_shows_text_that_looks_like_markup_as_text(client):
    response = client.post(ADD_URL, valid_data(description="Pay rise 5% < inflation & rent"))
    assert response.status_code == 303
    assert Submission.objects.get().description == "Pay rise 5% < inflation & rent"
    page = client.get(response["Location"]).text
    assert "Pay rise 5% &lt; inflation &amp; rent" in page
