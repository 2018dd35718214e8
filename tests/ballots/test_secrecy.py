"""No one can tell from the database how anyone voted.

Forty voters vote in a known order, each for one of four options drawn at random. After the
close, every way of lining up the stored votes (each column's order, the table's own order,
and on PostgreSQL the physical order and transaction ids) is tried against every way of lining
up the voters, and none reproduces who chose what: with four options, matching forty choices
by chance has odds of 4^-40. No value of a counted vote appears in any voter's row either.
"""

import json
import random

import pytest
from django.db import connection

from picketline.ballots.models import CountedVote, Voter
from picketline.ballots.services import ballot_close, vote_cast
from tests.ballots.helpers import make_list_ballot, option_ids, tokens

pytestmark = pytest.mark.django_db(transaction=True)

VOTERS = 40


def _vote_all():
    ballot = make_list_ballot(voters=VOTERS, options=("A", "B", "C", "D"))
    ids = option_ids(ballot)
    links = tokens(ballot)
    emails = list(links)
    draw = random.Random(7)
    draw.shuffle(emails)
    chosen = {}
    for email in emails:
        label = draw.choice("ABCD")
        vote_cast(ballot_id=ballot.pk, token=links[email], choices=[label])
        chosen[email] = ids[label]
    ballot_close(ballot)
    return ballot, emails, chosen


def _vote_orders(ballot) -> dict[str, list[int]]:
    votes = CountedVote.objects.filter(ballot=ballot)
    orders = {
        "as stored": [v.choices[0] for v in votes.order_by()],
        "by id": [v.choices[0] for v in votes.order_by("id")],
        "by receipt": [v.choices[0] for v in votes.order_by("receipt_hash")],
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT choices, xmin::text FROM ballots_countedvote WHERE ballot_id = %s "
                "ORDER BY ctid",
                [ballot.pk],
            )
            rows = cursor.fetchall()
        orders["physical"] = [(c if isinstance(c, list) else json.loads(c))[0] for c, _x in rows]
        assert len({xmin for _c, xmin in rows}) == 1, "every counted vote is of one transaction"
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT choices FROM ballots_countedvote WHERE ballot_id = %s ORDER BY rowid",
                [ballot.pk],
            )
            orders["physical"] = [json.loads(row[0])[0] for row in cursor]
    return orders


def _voter_orders(ballot, emails, chosen) -> dict[str, list[int]]:
    voters = Voter.objects.filter(ballot=ballot)
    orders = {
        "voting order": [chosen[e] for e in emails],
        "by id": [chosen[e] for e in voters.order_by("id").values_list("email", flat=True)],
        "by email": [chosen[e] for e in voters.order_by("email").values_list("email", flat=True)],
    }
    table = Voter._meta.db_table
    physical = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT email FROM {table} WHERE ballot_id = %s ORDER BY {physical}", [ballot.pk]
        )
        orders["physical"] = [chosen[row[0]] for row in cursor]
    return orders


def test_no_ordering_of_the_stored_votes_matches_the_voters():
    ballot, emails, chosen = _vote_all()
    vote_orders = _vote_orders(ballot)
    voter_orders = _voter_orders(ballot, emails, chosen)
    assert sorted(vote_orders["by id"]) == sorted(chosen.values()), "every vote was counted"
    for vote_name, votes in vote_orders.items():
        for voter_name, expected in voter_orders.items():
            assert votes != expected, f"votes {vote_name} line up with voters {voter_name}"
            assert votes != expected[::-1], f"votes {vote_name} line up with voters reversed"


def test_no_value_of_a_counted_vote_is_found_in_the_roll():
    ballot, _emails, _chosen = _vote_all()
    roll_values = set()
    for row in Voter.objects.filter(ballot=ballot).values():
        roll_values.update(str(value) for value in row.values() if value not in (None, ""))
    for vote in CountedVote.objects.filter(ballot=ballot).values("id", "receipt_hash", "weight"):
        assert str(vote["id"]) not in roll_values
        assert vote["receipt_hash"] not in roll_values
    field_names = {f.name for f in CountedVote._meta.get_fields()}
    assert field_names == {"id", "ballot", "receipt_hash", "choices", "weight"}


@pytest.mark.postgres
def test_the_roll_is_rewritten_in_one_transaction_at_the_close():
    ballot, _emails, _chosen = _vote_all()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT xmin::text FROM ballots_voter WHERE ballot_id = %s", [ballot.pk]
        )
        voter_xmins = {row[0] for row in cursor}
        cursor.execute(
            "SELECT DISTINCT xmin::text FROM ballots_countedvote WHERE ballot_id = %s", [ballot.pk]
        )
        vote_xmins = {row[0] for row in cursor}
    assert len(voter_xmins) == 1
    assert voter_xmins == vote_xmins
