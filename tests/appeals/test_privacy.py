"""Supporters' emails and targets' addresses never on the public pages, the API's answers or
a task's payload; the public page's queries do not grow with the signatures."""

import json

import pytest
from django_tasks_db.models import DBTaskResult

from tests.appeals.helpers import make_appeal, sign
from tests.campaigns.helpers import make_campaign

pytestmark = pytest.mark.django_db

SUPPORTER = "qz-supporter-sentinel@example.org"
TARGET = "qz-target-sentinel@employer.example"


@pytest.fixture
def appeal():
    from picketline.appeals.services import target_add

    appeal = make_appeal(campaign=make_campaign(), targets=0)
    target_add(appeal=appeal, name="Board Chair", email=TARGET, user=None)
    sign(appeal, email=SUPPORTER, name="Ada Picket", country="FR")
    return appeal


def test_no_address_on_the_public_pages(client, appeal):
    pages = [
        appeal.get_absolute_url(),
        f"/appeals/{appeal.pk}/",
        f"/appeals/{appeal.slug}/sign/",
        f"/appeals/{appeal.slug}/sign/sent/",
        appeal.campaign.get_absolute_url(),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert SUPPORTER not in body, url
        assert TARGET not in body, url
    assert "Board Chair" in client.get(appeal.get_absolute_url()).content.decode()


def test_targets_names_show_only_when_chosen(client, appeal):
    appeal.show_targets = False
    appeal.save(update_fields=["show_targets"])
    assert "Board Chair" not in client.get(appeal.get_absolute_url()).content.decode()


def test_no_address_in_the_api_answer(client, appeal):
    response = client.post(
        f"/api/v1/appeals/{appeal.pk}/signatures",
        data=json.dumps({"name": "Bo", "email": SUPPORTER, "country": "ES"}),
        content_type="application/json",
    )
    assert response.status_code == 202
    assert SUPPORTER not in response.content.decode()
    assert TARGET not in response.content.decode()


def test_no_address_in_a_task_payload(appeal):
    from picketline.appeals.services import signature_submit

    signature_submit(appeal=appeal, name="Cy", email="cy-" + SUPPORTER, country="DE")
    payloads = [
        json.dumps(row.task_path) + json.dumps(row.args_kwargs)
        for row in DBTaskResult.objects.all()
    ]
    for payload in payloads:
        assert "sentinel" not in payload
        assert "Ada Picket" not in payload


def test_the_public_page_takes_the_same_queries_however_many_sign(
    client, appeal, django_assert_num_queries
):
    url = appeal.get_absolute_url()
    client.get(url)
    with django_assert_num_queries(QUERIES):
        client.get(url)
    for n in range(20):
        sign(
            appeal, email=f"more{n}@example.org", name=f"Supporter {n}", country=["DE", "ES"][n % 2]
        )
    with django_assert_num_queries(QUERIES):
        assert client.get(url).status_code == 200


# The appeal with its campaign, the counts by country, the targets shown.
QUERIES = 3
