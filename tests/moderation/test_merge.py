"""Merging adds a submission to a dispute already published, which keeps all it had."""

import datetime as dt

import pytest
from django.core import mail

from picketline.disputes import services
from picketline.disputes.models import Dispute
from picketline.moderation.models import ItemStatus
from tests.factories import make_dispute
from tests.moderation.helpers import make_submission

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


@pytest.fixture
def existing():
    dispute = make_dispute(
        title="Leeds Bus strike",
        employer="Leeds Bus Ltd",
        union="Unite",
        start_date=TODAY - dt.timedelta(days=5),
        end_date=TODAY + dt.timedelta(days=5),
    )
    services.source_create(dispute=dispute, url="https://union.example.org/first")
    return dispute


def test_it_adds_the_site_sources_and_dates_and_keeps_its_own(
    moderator_client, moderator, existing, send_now
):
    submission, item = make_submission(
        employer="Leeds Bus Ltd",
        unions="GMB",
        point=(53.8200, -1.6000),
        picket_address="Kirkstall depot",
        sources=["https://news.example.org/second", "https://union.example.org/first"],
        start_date=TODAY - dt.timedelta(days=9),
        end_date=TODAY + dt.timedelta(days=20),
    )

    with send_now():
        response = moderator_client.post(
            f"/moderation/{item.pk}/merge/", {"version": item.version, "target": existing.pk}
        )

    assert response.status_code == 302
    existing = Dispute.objects.get(pk=existing.pk)
    assert existing.title == "Leeds Bus strike"
    assert existing.start_date == TODAY - dt.timedelta(days=9)
    assert existing.end_date == TODAY + dt.timedelta(days=20)
    assert sorted(s.url for s in existing.sources.all()) == [
        "https://news.example.org/second",
        "https://union.example.org/first",
    ]
    sites = list(existing.sites.all())
    assert len(sites) == 2
    assert sites[0].city == "Leeds"
    assert (sites[1].name, sites[1].latitude, sites[1].longitude) == (
        "Kirkstall depot",
        53.82,
        -1.6,
    )
    assert sorted(o.name for o in existing.unions.all()) == ["GMB", "Unite"]
    assert [o.name for o in existing.employers.all()] == ["Leeds Bus Ltd"]
    item.refresh_from_db()
    submission.refresh_from_db()
    assert item.status == ItemStatus.MERGED
    assert submission.dispute == existing
    [email] = mail.outbox
    assert existing.get_absolute_url() in email.body


def test_it_keeps_wider_dates_the_dispute_already_had(moderator_client, existing):
    _, item = make_submission(employer="Leeds Bus Ltd", start_date=TODAY - dt.timedelta(days=1))

    moderator_client.post(
        f"/moderation/{item.pk}/merge/", {"version": item.version, "target": existing.pk}
    )

    existing.refresh_from_db()
    assert existing.start_date == TODAY - dt.timedelta(days=5)
    # The submission gave no end: the dispute is now open-ended.
    assert existing.end_date is None


@pytest.mark.parametrize(
    "typed",
    [
        lambda d: str(d.pk),
        lambda d: d.slug,
        lambda d: f"http://testserver{d.get_absolute_url()}",
        lambda d: d.get_absolute_url(),
    ],
    ids=["number", "slug", "address", "path"],
)
def test_it_merges_into_a_dispute_named_by_number_slug_or_address(
    moderator_client, existing, typed
):
    submission, item = make_submission(employer="Someone else entirely")

    response = moderator_client.post(
        f"/moderation/{item.pk}/merge/", {"version": item.version, "target": typed(existing)}
    )

    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.dispute == existing


@pytest.mark.parametrize("target", ["", "no-such-dispute", "999999", "/disputes/", "/data/"])
def test_it_refuses_an_unknown_target_with_400(moderator_client, existing, target):
    submission, item = make_submission()
    sites_before = existing.sites.count()

    response = moderator_client.post(
        f"/moderation/{item.pk}/merge/", {"version": item.version, "target": target}
    )

    assert response.status_code == 400
    assert 'class="field-errors"' in response.text
    item.refresh_from_db()
    submission.refresh_from_db()
    assert item.status == ItemStatus.PENDING
    assert submission.dispute_id is None
    assert existing.sites.count() == sites_before
