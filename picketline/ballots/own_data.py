"""What ballots hold about a person, for their own export and erasure (registered with
`accounts.personal_data`): their places on ballots' rolls, by account or confirmed address.
A roll row says whether they voted, never how. Erasing keeps the row, so the turnout stays
true, and forgets who it was."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from picketline.accounts.personal_data import person_owns, personal_data_register
from picketline.ballots.models import Voter


def _voters(user):
    return (
        Voter.objects.filter(person_owns(user, account="user", email="email"))
        .select_related("ballot", "ballot__organisation")
        .order_by("ballot__opens_at", "id")
    )


def voters_export(user) -> list[dict]:
    return [
        {
            "ballot": voter.ballot.question,
            "organisation": voter.ballot.organisation.name,
            "name": voter.name,
            "email": voter.email,
            "weight": voter.weight,
            "voted": voter.voted,
            "opens_at": voter.ballot.opens_at,
            "closes_at": voter.ballot.closes_at,
        }
        for voter in _voters(user)
    ]


@transaction.atomic
def voters_erase(user) -> None:
    for voter in _voters(user):
        voter.name = ""
        voter.email = f"voter-{voter.pk}@erased.invalid"
        voter.user = None
        voter.language = ""
        voter.save(update_fields=["name", "email", "user", "language"])


def register() -> None:
    personal_data_register(
        "ballot_rolls",
        label=_("Places on ballots' rolls"),
        export=voters_export,
        erase=voters_erase,
    )
