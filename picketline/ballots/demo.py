"""Demo ballots for `make run`, of the demo network (`picketline demo-members`): one closed,
with its votes counted, its result and its tracker; one open until next week, on an offer,
on which the `member` login may vote signed in and the `network-admin` login watches the
turnout. The votes are cast through the same service as everyone's. Running it again changes
nothing."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from picketline.ballots import services
from picketline.ballots.links import voter_token
from picketline.ballots.models import Ballot
from picketline.membership.demo import demo_members_load
from picketline.membership.dues.models import MembershipSettings
from picketline.organisations.demo import DEMO_NETWORK
from picketline.organisations.models import Organisation

CLOSED_QUESTION = "Join the national day of action on 12 March? (demo)"
OPEN_QUESTION = "Accept the employer's revised offer? (demo)"
OFFER = (
    "The employer's revised offer, in full:\n\n"
    "1. Pay: 4% from 1 April this year and 3% from 1 April next year.\n"
    "2. Hours: no change to the 37.5-hour week; the proposed weekend rota is withdrawn.\n"
    "3. Strike days: no pay deducted for days after this offer is accepted; no action "
    "against anyone for taking part.\n\n"
    "The branch committee recommends rejecting it: it is below inflation and says nothing "
    "on the agency staff's contracts."
)


@transaction.atomic
def demo_ballots_load() -> bool:
    if Ballot.objects.filter(question__in=[CLOSED_QUESTION, OPEN_QUESTION]).exists():
        return False
    demo_members_load()
    network = Organisation.objects.get(name=DEMO_NETWORK, is_demo=True)
    zone = (
        MembershipSettings.objects.filter(organisation=network)
        .values_list("timezone", flat=True)
        .first()
        or "Europe/London"
    )
    now = timezone.now()
    draw = random.Random(12)

    closed = services.ballot_create(
        organisation=network,
        question=CLOSED_QUESTION,
        options=["Yes", "No"],
        information="A day of strikes and pickets across every workplace where we have members.",
        opens_at=now - dt.timedelta(minutes=5),
        closes_at=now + dt.timedelta(days=2),
        electorate="members",
        record_date=timezone.localdate(),
        quorum_percent=50,
        zone=zone,
    )
    for voter in closed.voters.all():
        choice = "Yes" if draw.random() < 0.75 else "No"
        services.vote_cast(ballot_id=closed.pk, token=voter_token(voter), choices=[choice])
    services.ballot_close(closed)

    opened = services.ballot_create(
        organisation=network,
        question=OPEN_QUESTION,
        options=["Accept", "Reject"],
        information=OFFER,
        opens_at=now - dt.timedelta(minutes=5),
        closes_at=now + dt.timedelta(days=7),
        electorate="members",
        record_date=timezone.localdate(),
        quorum_percent=50,
        zone=zone,
    )
    # Some have voted already; the `member` login has not.
    for voter in opened.voters.filter(user__isnull=True)[:2]:
        services.vote_cast(ballot_id=opened.pk, token=voter_token(voter), choices=["Reject"])
    return True
