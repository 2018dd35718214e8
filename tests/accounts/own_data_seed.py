"""One person with something of every kind Picketline keeps about people, each carrying a
sentinel, and other people's things beside them that must survive the person's erasure."""

import datetime as dt

from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from picketline.accounts.models import ApiToken, Passkey
from picketline.accounts.own_data import email_confirmed_record
from picketline.campaigns.plans.services import plan_save
from picketline.campaigns.services import campaign_create
from picketline.charters.services import endorsement_submit
from picketline.disputes import services as disputes
from picketline.events.rsvps.services import rsvp_create
from picketline.membership.dues.models import DuesEntry
from picketline.membership.payments.models import ProviderEvent
from picketline.moderation.services import item_answer, item_approve, item_ask, item_for_object
from picketline.organisations.chapters.services import chapter_request_create
from picketline.solidarity.funds.services import fund_verify, pledge_create
from picketline.solidarity.messages.models import MessageRecipient
from picketline.solidarity.messages.services import message_send
from picketline.solidarity.models import Fund
from picketline.solidarity.pickets.services import signup_create
from tests import factories
from tests.membership import helpers

# Every value the person gave carries one of these; none may be left after erasure.
MARK = "qzsentinel"
EMAIL = "qz.person@example.net"
PHONE = "+44 7700 900999"
SENTINELS = [MARK, EMAIL, "900999"]
# The same address as people type it: matching ignores case.
EMAIL_TYPED = "QZ.Person@Example.NET"


def seed_person(*, confirmed: bool = True) -> dict:
    user = factories.make_user(username=f"{MARK}user", email=EMAIL)
    user.first_name, user.last_name = "Qzsentinel", "Person"
    user.save()
    secret = factories.make_totp_device(user)
    if confirmed:
        email_confirmed_record(user=user, email=EMAIL)
    ApiToken.objects.create(user=user, name=f"{MARK} laptop", prefix="abcd1234", key_hash="h" * 64)
    Passkey.objects.create(
        user=user,
        name=f"{MARK} phone",
        credential_id="cred-1",
        public_key=b"public",
        user_handle="handle-1",
    )
    moderator = factories.make_moderator()

    # Membership: one through the account, one by address only; a ledger; a provider's event.
    network = helpers.make_network(name="Couriers Network")
    chapter = helpers.make_chapter(network, name="Leeds")
    plan = helpers.make_plan(network)
    member = helpers.make_member(
        network, chapter=chapter, plan=plan, user=user, name=f"{MARK} Member", email=EMAIL
    )
    member.place_name = f"{MARK} Street"
    member.provider_customer = "cus_qz"
    member.save()
    DuesEntry.objects.create(
        membership=member,
        date=timezone.localdate(),
        method="cash",
        amount_minor=500,
        currency="GBP",
        note=f"{MARK} paid at the stall",
    )
    union = helpers.make_network(name="Riders Union")
    by_email = helpers.make_member(union, name=f"{MARK} Rider", email=EMAIL_TYPED)
    other_member = helpers.make_member(network, chapter=chapter, plan=plan, name="Other Member")
    helpers.pay(other_member, 500)
    ProviderEvent.objects.create(
        provider="stripe",
        event_id="evt_qz",
        type="checkout.session.completed",
        created=timezone.now(),
        payload={"data": {"object": {"customer": "cus_qz", "customer_details": {"email": EMAIL}}}},
        status="applied",
    )

    # Solidarity: a published message by address, an unpublished one from the account, a
    # pledge, a picket sign-up, digests of messages for a dispute.
    dispute = factories.make_dispute(title="Depot strike", solidarity_email=EMAIL_TYPED)
    published = message_send(
        dispute=dispute,
        sender_name=f"{MARK} Sender",
        organisation_name=f"{MARK} Works",
        country="FR",
        body="Solidarity from the depot.",
        language="en",
        sender_email=EMAIL_TYPED,
        contact_consent=True,
    )
    item = item_for_object(published)
    item_approve(item=item, version=item.version, user=moderator)
    unpublished = message_send(
        dispute=dispute, user=user, body=f"{MARK} private words", language="en"
    )
    fund = Fund.objects.create(
        dispute=dispute,
        name="Strike fund",
        currency="GBP",
        donation_url="https://union.example.org/give",
    )
    fund = fund_verify(fund=fund, user=moderator)
    pledge_create(
        fund=fund, amount_minor=2_000, recurrence="monthly", name=f"{MARK} Pledger", email=EMAIL
    )
    start = timezone.now().replace(microsecond=0, second=0) + dt.timedelta(days=1)
    shift = disputes.shift_create(
        site=dispute.sites.get(),
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        timezone="UTC",
    )
    signup_create(
        shift=shift,
        occurrence_starts_at=start,
        name=f"{MARK} Volunteer",
        email=EMAIL_TYPED,
        phone=PHONE,
    )
    MessageRecipient.objects.get_or_create(dispute=dispute, email=EMAIL)

    # Events: a seat at a one-place event someone else waits for, an RSVP by address, and a
    # local event they offered to host.
    event = factories.make_event(title="Rally", capacity=1)
    rsvp_create(event=event, user=user, name=f"{MARK} Rsvp")
    waiting_user = factories.make_user()
    waiting = rsvp_create(event=event, user=waiting_user, name="Waiting Person").rsvp
    other_event = factories.make_event(title="Meeting")
    rsvp_create(event=other_event, name=f"{MARK} Guest", email=EMAIL_TYPED)
    factories.make_event(title="Local stall", host_name=f"{MARK} Host", host_email=EMAIL)

    # The registry: a report. Organisations: a chapter request, an invitation.
    _submission, report_item = factories.make_submission(
        email=EMAIL_TYPED, submitter_name=f"{MARK} Reporter"
    )
    report_item = item_ask(
        item=report_item, version=report_item.version, user=moderator, question="Which depot?"
    )
    item_answer(item=report_item, body=f"{MARK} the depot by my house")
    chapter_request_create(
        organisation=network,
        name=f"{MARK} Founder",
        email=EMAIL,
        message=f"{MARK} wants a chapter in York",
        language="en",
        place_name="York",
        latitude=53.96,
        longitude=-1.08,
        timezone="Europe/London",
    )
    factories.invite(dispute, EMAIL_TYPED, by=moderator)
    # Campaigns: the person coordinates one (a role, not text: the campaign stays, without
    # them, once their data is erased).
    campaign = campaign_create(by=moderator, title="Depot workers together", language="en")
    campaign.coordinators.add(user)
    # Its strategic plan, saved by them, with a step given to their account (a version's
    # snapshot names the account).
    plan_save(
        owner=campaign,
        by=user,
        language="en",
        steps=[{"position": 1, "date": dt.date(2027, 1, 1), "action": "Rally", "assignee": user}],
    )

    # Charters: an endorsement as a person by address (name hidden), one for an organisation
    # (whose name is the organisation's and stays), and someone else's beside them.
    from tests.charters.helpers import endorse_person, make_charter

    charter = make_charter(slug="qz-charter", editor=moderator)
    endorse_person(charter, email=EMAIL_TYPED, name=f"{MARK} Endorser", public=False)
    endorsement_submit(
        charter=charter,
        kind="organisation",
        name="Riders Collective",
        email=EMAIL,
        country="GB",
    )
    endorse_person(charter, email="other.endorser@example.org", name="Other Endorser")

    # Appeals: a confirmed signature by address, with a paragraph of the person's own, and
    # someone else's beside it (the appeal sends, so deliveries to its target are queued).
    from tests.appeals.helpers import make_appeal, sign

    appeal = make_appeal(campaign=campaign, targets=1, user=moderator)
    sign(
        appeal,
        email=EMAIL_TYPED,
        name=f"{MARK} Signer",
        country="GB",
        paragraph=f"{MARK}: my own words.",
    )
    sign(appeal, email="other.signer@example.org", name="Other Signer", country="FR")

    # Resources: a link the person added to the campaign's library. It is the campaign's, so
    # erasing keeps it and forgets who added it.
    from tests.resources.helpers import make_resource

    make_resource(
        campaign,
        by=user,
        title="Rally video",
        kind="video",
        link="https://video.example.org/rally",
    )

    # Ballots: the person on a list's roll by address, who has voted, beside someone else.
    from picketline.ballots.links import voter_token
    from picketline.ballots.services import ListedVoter, ballot_create, vote_cast

    ballot = ballot_create(
        organisation=network,
        question="Accept the offer?",
        options=["Yes", "No"],
        opens_at=timezone.now() - dt.timedelta(minutes=1),
        closes_at=timezone.now() + dt.timedelta(days=1),
        electorate="list",
        voters=[
            ListedVoter(EMAIL_TYPED, f"{MARK} Voter"),
            ListedVoter("other.voter@example.org", "Other Voter"),
        ],
    )
    vote_cast(
        ballot_id=ballot.pk, token=voter_token(ballot.voters.get(email=EMAIL)), choices=["No"]
    )

    # The admin's log: an administrator reset the person's second factor and looked at a
    # passkey; each entry names the object as it was (the username).
    for obj in (user, user.totp_device, user.passkeys.get()):
        LogEntry.objects.create(
            user=moderator,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            object_repr=str(obj),
            action_flag=CHANGE,
            change_message='[{"changed": {"fields": ["Confirmed"]}}]',
        )
    return {
        "user": user,
        "secret": secret,
        "member": member,
        "by_email": by_email,
        "other_member": other_member,
        "published": published,
        "unpublished": unpublished,
        "event": event,
        "waiting": waiting,
        "dispute": dispute,
        "charter": charter,
        "campaign": campaign,
        "appeal": appeal,
    }


def text_columns_holding(sentinels: list[str]) -> list[str]:
    """`table.column: value` for every text, char, email or JSON value in any table of any
    model that holds one of `sentinels` (compared without regard to case)."""
    found = []
    wanted = [s.lower() for s in sentinels]
    kinds = (models.CharField, models.TextField, models.JSONField)
    for model in apps.get_models(include_auto_created=True):
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, kinds)]
        if not fields:
            continue
        for row in model._base_manager.values_list("pk", *fields).iterator():
            for name, value in zip(fields, row[1:], strict=True):
                text = str(value).lower()
                if any(s in text for s in wanted):
                    found.append(f"{model._meta.db_table}.{name} (pk {row[0]}): {value}")
    return found
