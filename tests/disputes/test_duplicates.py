"""Moderators see which published disputes a new report probably repeats, best first."""

import datetime as dt

import pytest
from django.utils import timezone

from picketline.disputes.duplicates import submission_duplicates
from picketline.disputes.submissions.services import submission_create
from tests.factories import make_dispute

pytestmark = pytest.mark.django_db

# Amazon's Coventry fulfilment centre, its Gateshead one (about 280 km north), and a bus garage
# round the corner from Coventry.
COVENTRY = (52.4330, -1.4460)
GATESHEAD = (54.9430, -1.6320)
NEXT_DOOR = (52.4365, -1.4430)


def today():
    return timezone.now().date()


def report(*, employer="Amazon", unions="GMB", point=COVENTRY, **fields):
    fields.setdefault("start_date", today() - dt.timedelta(days=1))
    submission, _ = submission_create(
        employer=employer,
        unions=unions,
        kind=fields.pop("kind", "strike"),
        description="Workers at the warehouse walked out over pay.",
        place_name="Coventry",
        city="Coventry",
        country="GB",
        latitude=point[0],
        longitude=point[1],
        **fields,
    )
    return submission


def dispute(*, employer, union="GMB", point=COVENTRY, **fields):
    return make_dispute(
        employer=employer, union=union, lat=point[0], lon=point[1], city="Coventry", **fields
    )


def test_it_ranks_the_same_warehouse_first():
    same = dispute(employer="Amazon", title="Amazon Coventry strike")
    far = dispute(employer="Amazon", title="Amazon Gateshead strike", point=GATESHEAD)
    next_door = dispute(employer="National Express", union="Unite", point=NEXT_DOOR)

    found = submission_duplicates(submission=report())

    assert [c.obj for c in found][:1] == [same]
    scores = {c.obj: c.score for c in found}
    assert scores[same] > scores[far]
    assert scores[same] > scores.get(next_door, 0)
    assert all(0 <= c.score <= 100 for c in found)
    best = found[0]
    assert "Same employer" in best.reasons
    assert "Same union" in best.reasons
    assert "Dates overlap" in best.reasons
    assert any(reason.endswith("km away") for reason in best.reasons)


def test_it_says_how_far_away_a_candidate_is():
    far = dispute(employer="Amazon", point=GATESHEAD)

    [candidate] = submission_duplicates(submission=report())

    assert candidate.obj == far
    assert "279 km away" in candidate.reasons


def test_it_finds_the_employer_under_a_longer_legal_name():
    published = dispute(employer="Amazon.com Services LLC", union="Teamsters")

    found = submission_duplicates(submission=report(employer="Amazon", unions=""))

    assert [c.obj for c in found] == [published]
    assert "Similar employer name" in found[0].reasons


def test_it_finds_the_short_name_from_the_legal_one():
    published = dispute(employer="Amazon", union="Teamsters", point=GATESHEAD)

    found = submission_duplicates(submission=report(employer="Amazon.com Services LLC", unions=""))

    assert [c.obj for c in found] == [published]


def test_it_scores_a_strike_that_ended_years_ago_below_an_ongoing_one():
    ongoing = dispute(employer="Amazon", start_date=today() - dt.timedelta(days=10))
    old = dispute(
        employer="Amazon",
        status="ended",
        start_date=dt.date(2019, 3, 1),
        end_date=dt.date(2019, 3, 10),
    )

    scores = {c.obj: c.score for c in submission_duplicates(submission=report())}

    assert scores[ongoing] > scores[old]


def test_it_leaves_out_an_unrelated_strike_in_the_same_city():
    dispute(employer="Coventry City Council", union="Unison", point=(52.4081, -1.5106))

    assert submission_duplicates(submission=report()) == []


def test_it_keeps_an_unrelated_name_at_the_same_address_for_a_moderator_to_judge():
    same_gate = dispute(employer="BHX4 Fulfilment", union="Unite", point=NEXT_DOOR)

    found = submission_duplicates(submission=report())

    assert [c.obj for c in found] == [same_gate]
    assert found[0].score < 50


def test_it_finds_a_sensitive_dispute_by_its_real_location():
    hidden = dispute(employer="Amazon", union="", sensitive=True, point=(52.4449, -1.4449))

    found = submission_duplicates(submission=report(unions=""))

    assert [c.obj for c in found] == [hidden]
    assert "1.3 km away" in found[0].reasons


def test_it_leaves_out_the_dispute_the_submission_became():
    submission = report()
    published = dispute(employer="Amazon")
    submission.dispute = published

    assert submission_duplicates(submission=submission) == []


def test_it_returns_at_most_the_limit():
    for _ in range(4):
        dispute(employer="Amazon")

    assert len(submission_duplicates(submission=report(), limit=3)) == 3


def test_it_uses_a_fixed_number_of_queries(django_assert_max_num_queries):
    for n in range(30):
        dispute(
            employer=f"Employer {n}" if n % 3 else "Amazon",
            union="GMB" if n % 2 else "Unite",
            point=(COVENTRY[0] + n * 0.002, COVENTRY[1]),
        )
    submission = report()

    with django_assert_max_num_queries(10):
        found = submission_duplicates(submission=submission, limit=30)
        for candidate in found:
            [o.name for o in candidate.obj.employers.all()]
            [s.city for s in candidate.obj.sites.all()]

    assert len(found) >= 10


def test_it_links_a_nearby_dispute_of_the_same_union_but_not_a_far_one():
    nearby = dispute(employer="Amazon Logistics Hub", union="GMB", point=(52.4081, -1.5106))
    dispute(employer="Royal Mail", union="GMB", point=GATESHEAD)

    found = submission_duplicates(submission=report(employer="BHX4"))

    assert [c.obj for c in found] == [nearby]
    assert "Same union" in found[0].reasons
