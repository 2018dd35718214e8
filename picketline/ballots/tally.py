"""Counting: turnout against the quorum, each option's votes against the threshold.

Pure functions of numbers, so the edges (a quorum met exactly, a two-thirds vote one short) are
tested without a database. Integer arithmetic only: no rounding ever decides an outcome.
"""

from dataclasses import dataclass

from picketline.ballots.models import Outcome, Threshold


@dataclass(frozen=True)
class OptionCount:
    id: int
    label: str
    votes: int
    carried: bool


def quorum_met(*, turnout: int, roll: int, quorum_percent: int) -> bool:
    """Whether `turnout` of `roll` (people, or weight) reaches `quorum_percent` percent."""
    if roll == 0:
        return False
    return turnout * 100 >= quorum_percent * roll


def threshold_met(*, votes: int, cast: int, threshold: str) -> bool:
    """Whether `votes` of `cast` (ballots cast, weighted when the ballot is) clear the threshold:
    more than half, or at least two thirds."""
    if cast == 0:
        return False
    if threshold == Threshold.TWO_THIRDS:
        return votes * 3 >= cast * 2
    return votes * 2 > cast


def count(
    *,
    options: list[tuple[int, str]],
    votes: list[tuple[list[int], int]],
    roll: int,
    quorum_percent: int,
    threshold: str,
) -> dict:
    """The results: `options` as (id, label) in order, `votes` as (chosen ids, weight), `roll`
    the roll's size (or total weight). Each option is carried when its votes clear the
    threshold of the votes cast, and only when the quorum is met."""
    cast = sum(weight for _choices, weight in votes)
    totals = {option_id: 0 for option_id, _label in options}
    for choices, weight in votes:
        for option_id in choices:
            totals[option_id] += weight
    met = quorum_met(turnout=cast, roll=roll, quorum_percent=quorum_percent)
    counts = [
        OptionCount(
            id=option_id,
            label=label,
            votes=totals[option_id],
            carried=met and threshold_met(votes=totals[option_id], cast=cast, threshold=threshold),
        )
        for option_id, label in options
    ]
    if not met:
        outcome = Outcome.QUORUM_NOT_MET
    elif any(option.carried for option in counts):
        outcome = Outcome.CARRIED
    else:
        outcome = Outcome.NOT_CARRIED
    return {
        "roll": roll,
        "turnout": cast,
        "quorum_percent": quorum_percent,
        "quorum_met": met,
        "threshold": threshold,
        "options": [option.__dict__ for option in counts],
        "outcome": str(outcome),
    }
