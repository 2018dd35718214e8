"""Quorum and thresholds at their edges, in whole numbers."""

import pytest

from picketline.ballots import tally


@pytest.mark.parametrize(
    ("turnout", "roll", "quorum", "met"),
    [
        (50, 100, 50, True),
        (49, 100, 50, False),
        (1, 3, 34, False),
        (2, 3, 66, True),
        (0, 0, 0, False),
    ],
)
def test_quorum_is_met_from_the_exact_percentage(turnout, roll, quorum, met):
    assert tally.quorum_met(turnout=turnout, roll=roll, quorum_percent=quorum) is met


@pytest.mark.parametrize(
    ("votes", "cast", "threshold", "met"),
    [
        (51, 100, "majority", True),
        (50, 100, "majority", False),
        (2, 3, "majority", True),
        (2, 3, "two_thirds", True),
        (66, 100, "two_thirds", False),
        (67, 100, "two_thirds", True),
        (0, 0, "majority", False),
    ],
)
def test_thresholds_at_their_edges(votes, cast, threshold, met):
    assert tally.threshold_met(votes=votes, cast=cast, threshold=threshold) is met


def test_a_ballot_without_quorum_carries_nothing():
    result = tally.count(
        options=[(1, "Yes"), (2, "No")],
        votes=[([1], 1)] * 4,
        roll=10,
        quorum_percent=50,
        threshold="majority",
    )
    assert result["quorum_met"] is False
    assert result["outcome"] == "quorum_not_met"
    assert [o["votes"] for o in result["options"]] == [4, 0]
    assert not any(o["carried"] for o in result["options"])


def test_weights_count_as_members_represented():
    result = tally.count(
        options=[(1, "Yes"), (2, "No")],
        votes=[([1], 300), ([2], 120), ([2], 90)],
        roll=600,
        quorum_percent=50,
        threshold="majority",
    )
    assert result["turnout"] == 510
    assert [o["votes"] for o in result["options"]] == [300, 210]
    assert [o["carried"] for o in result["options"]] == [True, False]
    assert result["outcome"] == "carried"


def test_a_split_vote_carries_nothing():
    result = tally.count(
        options=[(1, "A"), (2, "B"), (3, "C")],
        votes=[([1], 1), ([2], 1), ([3], 1)],
        roll=3,
        quorum_percent=0,
        threshold="majority",
    )
    assert result["outcome"] == "not_carried"
