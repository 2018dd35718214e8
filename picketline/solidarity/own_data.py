"""What solidarity holds about a person, for their own export and erasure (registered with
`accounts.personal_data`): messages they sent, pledges they made, pickets they signed up to.

Digests of messages they receive for a dispute they coordinate are deleted.

A message is the person's when sent while signed in, or with their confirmed address; pledges
and sign-ups, made without an account, when their address is the person's confirmed one.

Erasing: a published message stays (the strikers and the public read it) with no name,
workplace, address or account; one not published is deleted with its place in the
moderation queue. A pledge loses its name and address (one still promised is cancelled, so no
reminder goes out); its ledger entry, if received, stays. Picket sign-ups are deleted.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from picketline.accounts.personal_data import person_email, person_owns, personal_data_register
from picketline.moderation.models import ModerationItem
from picketline.moderation.services import submitter_answers_erase
from picketline.solidarity.funds.models import Pledge, PledgeStatus
from picketline.solidarity.messages.models import Message, MessageRecipient
from picketline.solidarity.pickets.models import ShiftSignup
from picketline.solidarity.pickets.places import places_give_back


def _messages(user):
    mine = person_owns(user, account="submitted_by", email="sender_email")
    return Message.objects.filter(mine).select_related("dispute").order_by("created_at", "id")


def messages_export(user) -> list[dict]:
    return [
        {
            "dispute": message.dispute.title,
            "sent_at": message.created_at,
            "name": message.sender_name,
            "union_or_workplace": message.organisation_name,
            "country": message.country,
            "message": message.body,
            "language": message.language,
            "email": message.sender_email,
            "committee_may_contact": message.contact_consent,
            "photo": bool(message.photo),
            "published_at": message.published_at,
        }
        for message in _messages(user)
    ]


def messages_erase(user) -> None:
    messages = list(_messages(user))
    submitter_answers_erase(messages)
    for message in messages:
        if message.published_at is not None:
            message.sender_name = ""
            message.organisation_name = ""
            message.sender_email = ""
            message.contact_consent = False
            message.submitted_by = None
            message.save(
                update_fields=[
                    "sender_name",
                    "organisation_name",
                    "sender_email",
                    "contact_consent",
                    "submitted_by",
                    "updated_at",
                ]
            )
            continue
        ModerationItem.objects.filter(
            content_type__app_label="solidarity",
            content_type__model="message",
            object_id=message.pk,
        ).delete()
        if message.photo:
            message.photo.delete(save=False)
        message.delete()


def _pledges(user):
    email = person_email(user)
    if not email:
        return Pledge.objects.none()
    return (
        Pledge.objects.filter(email__iexact=email)
        .select_related("fund__dispute")
        .order_by("created_at", "id")
    )


def pledges_export(user) -> list[dict]:
    return [
        {
            "fund": pledge.fund.name,
            "dispute": pledge.fund.dispute.title,
            "amount_minor": pledge.amount_minor,
            "currency": pledge.currency,
            "how_often": pledge.recurrence,
            "name": pledge.name,
            "email": pledge.email,
            "status": pledge.status,
            "pledged_at": pledge.created_at,
            "received_at": pledge.received_at,
        }
        for pledge in _pledges(user)
    ]


def pledges_erase(user) -> None:
    for pledge in _pledges(user):
        if pledge.status == PledgeStatus.PROMISED:
            pledge.status = PledgeStatus.CANCELLED
        pledge.name = ""
        pledge.email = ""
        pledge.save(update_fields=["status", "name", "email", "updated_at"])


def _signups(user):
    email = person_email(user)
    if not email:
        return ShiftSignup.objects.none()
    return (
        ShiftSignup.objects.filter(email__iexact=email)
        .select_related("shift__site__dispute")
        .order_by("occurrence_starts_at", "id")
    )


def signups_export(user) -> list[dict]:
    return [
        {
            "dispute": signup.shift.site.dispute.title,
            "picket": signup.shift.site.name,
            "starts_at": signup.occurrence_starts_at,
            "name": signup.name,
            "email": signup.email,
            "phone": signup.phone,
            "people": signup.party_size,
            "signed_up_at": signup.created_at,
            "cancelled_at": signup.cancelled_at,
        }
        for signup in _signups(user)
    ]


@transaction.atomic
def signups_erase(user) -> None:
    for signup in _signups(user).filter(cancelled_at__isnull=True):
        # The places they held go back to the occurrence's counter.
        places_give_back(
            shift_id=signup.shift_id,
            starts_at=signup.occurrence_starts_at,
            people=signup.party_size,
        )
    _signups(user).delete()


def _recipients(user):
    mine = person_owns(user, account="user", email="email")
    return MessageRecipient.objects.filter(mine).select_related("dispute").order_by("id")


def recipients_export(user) -> list[dict]:
    return [
        {"dispute": r.dispute.title, "email": r.email, "how_often": r.frequency}
        for r in _recipients(user)
    ]


def recipients_erase(user) -> None:
    _recipients(user).delete()


def register() -> None:
    personal_data_register(
        "messages",
        label=_("Messages of solidarity you sent"),
        export=messages_export,
        erase=messages_erase,
        order=20,
    )
    personal_data_register(
        "pledges", label=_("Pledges"), export=pledges_export, erase=pledges_erase, order=21
    )
    personal_data_register(
        "picket_signups",
        label=_("Picket sign-ups"),
        export=signups_export,
        erase=signups_erase,
        order=22,
    )
    personal_data_register(
        "message_digests",
        label=_("Messages of solidarity you receive for a dispute"),
        export=recipients_export,
        erase=recipients_erase,
        order=23,
    )
