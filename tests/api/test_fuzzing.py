"""The API fuzzed against its own OpenAPI document, operation by operation.

Schemathesis makes requests from `/api/v1/openapi.json` (valid ones and, for every operation,
ones the document says are wrong) and sends them to the app in-process. Each answer must not
be a server error, and its status, content type and body must be ones the document declares.
Writes go with a moderator's API token, so they reach past the permission checks.

Run with `make fuzz` (CI runs it after the tests on SQLite); `make test` leaves it out. The
examples are derandomised: a run makes the same requests every time.
"""

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from picketline.accounts.services import api_token_create
from picketline.campaigns import services as campaign_services
from picketline.events.choices import EventMode
from tests import factories

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def token(db, settings):
    """Some records for the requests to find, and a moderator's token to change them with."""
    settings.RATE_LIMITS = dict.fromkeys(settings.RATE_LIMITS, "1000/hour")
    union = factories.make_organisation(name="Bakers Union")
    dispute = factories.make_dispute(title="Bakery strike", union=union, employer="Big Bread")
    factories.make_dispute(title="Port strike", sensitive=True, country="ES", city="Bilbao")
    factories.make_event(title="Rally", capacity=2, organisation=union, disputes=[dispute])
    factories.make_event(title="Online meeting", mode=EventMode.ONLINE, country="")
    # A campaign for /campaigns/{slug} to find, with a demand and a cell of its matrix.
    campaign = campaign_services.campaign_create(by=None, title="Bakers together", language="en")
    campaign_services.campaign_dispute_add(campaign=campaign, dispute=dispute, by=None)
    demand = campaign_services.common_demand_save(
        campaign=campaign, by=None, text="Fair pay", language="en", position=1, translations={}
    )
    campaign_services.demand_adoption_set(
        campaign=campaign, dispute=dispute, demand=demand, by=None, adopted=True, status="won"
    )
    # An open appeal of the campaign for /appeals/{appeal_id}/signatures to sign.
    from tests.appeals.helpers import make_appeal

    make_appeal(campaign=campaign, targets=1)
    _row, raw = api_token_create(user=factories.make_moderator(), name="fuzzing")
    return raw


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_answer_is_one_the_document_declares(case, token):
    headers = (
        {"Authorization": f"Bearer {token}"}
        if case.operation.definition.raw.get("security")
        else {}
    )
    case.call_and_validate(headers=headers, checks=CHECKS)
