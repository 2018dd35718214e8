"""Sending, publishing and delivering solidarity messages.

A message is stored first; publishing it creates one delivery row per recipient and schedules
each recipient's digest after commit, so a mail server that is down loses nothing.
"""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from picketline.core.audit import log_action
from picketline.core.images import image_reencode
from picketline.core.text import plain_text
from picketline.disputes.models import Dispute
from picketline.organisations.models import Organisation
from picketline.solidarity.messages.delivery import digests_schedule
from picketline.solidarity.messages.models import (
    DigestFrequency,
    Message,
    MessageDelivery,
    MessageRecipient,
)

KIND = "message"
PHOTO_MAX_SIDE = 1600
TEXT_FIELDS = ("sender_name", "organisation_name", "body")


def photo_reencode(upload) -> ContentFile:
    """The image as a new JPEG no larger than 1600 px a side, its pixels only: EXIF metadata
    (GPS position, camera, owner) is left behind (`core.images`)."""
    return ContentFile(image_reencode(upload, max_side=PHOTO_MAX_SIDE), name="photo.jpg")


def sender_is_verified(user) -> bool:
    """Holds the account of a verified union: their messages need no moderator."""
    if user is None or not user.is_authenticated:
        return False
    return Organisation.objects.filter(
        kind=Organisation.Kind.UNION, verified_at__isnull=False, coordinators=user
    ).exists()


@transaction.atomic
def message_send(
    *, dispute: Dispute, user=None, via_api: bool = False, photo=None, **fields
) -> Message:
    """Stores a message and queues it for moderators, or publishes it at once when it comes
    from a verified union's account. Fields are the form's cleaned data."""
    for name in TEXT_FIELDS:
        fields[name] = plain_text(fields.get(name) or "")
    if not fields.get("sender_email"):
        fields["sender_email"] = ""
        fields["contact_consent"] = False
    message = Message(
        dispute=dispute,
        submitted_by=user if user is not None and user.is_authenticated else None,
        via_api=via_api,
        **fields,
    )
    if photo:
        message.photo.save("photo.jpg", photo_reencode(photo), save=False)
    message.save()
    if sender_is_verified(user):
        log_action(message, f"{KIND}.submitted", user=user, data={"verified_union": True})
        message_publish(message=message, user=user)
    else:
        from picketline.moderation.services import moderation_submit

        moderation_submit(obj=message, kind=KIND, user=user)
    return message


def message_publish(*, message: Message, user=None) -> Message:
    """Publishes the message and queues its delivery. Call inside a transaction."""
    if message.published_at is not None:
        return message
    message.published_at = timezone.now()
    message.save(update_fields=["published_at", "updated_at"])
    log_action(message, f"{KIND}.published", user=user)
    deliveries_create(message=message)
    return message


def recipients_ensure(*, dispute: Dispute) -> list[MessageRecipient]:
    """The dispute's solidarity contact and coordinators as recipients, adding missing rows.

    The solidarity contact gets a daily digest and coordinators each message as it arrives,
    unless they chose otherwise.
    """
    wanted: dict[str, tuple[object, str]] = {}
    if dispute.solidarity_email:
        wanted[dispute.solidarity_email.lower()] = (None, DigestFrequency.DAILY)
    for coordinator in dispute.coordinators.filter(is_active=True).exclude(email=""):
        wanted.setdefault(coordinator.email.lower(), (coordinator, DigestFrequency.IMMEDIATE))
    existing = {r.email.lower(): r for r in MessageRecipient.objects.filter(dispute=dispute)}
    recipients = []
    for email, (user, frequency) in wanted.items():
        recipient = existing.get(email)
        if recipient is None:
            recipient, _created = MessageRecipient.objects.get_or_create(
                dispute=dispute, email=email, defaults={"user": user, "frequency": frequency}
            )
        recipients.append(recipient)
    return recipients


def deliveries_create(*, message: Message) -> None:
    """One delivery per recipient (never two: the constraint), the digests scheduled on commit:
    one run for every recipient due now, a later one for each recipient whose frequency waits."""
    recipients = recipients_ensure(dispute=message.dispute)
    MessageDelivery.objects.bulk_create(
        [MessageDelivery(message=message, recipient=recipient) for recipient in recipients],
        ignore_conflicts=True,
    )
    dispute_id = message.dispute_id
    transaction.on_commit(lambda: digests_schedule(dispute_id=dispute_id, recipients=recipients))


def recipient_for(*, dispute: Dispute, user=None, contact: bool = False) -> MessageRecipient | None:
    """The recipient row of a coordinator (`user`) or of the solidarity contact."""
    recipients = {r.email.lower(): r for r in recipients_ensure(dispute=dispute)}
    email = dispute.solidarity_email if contact else getattr(user, "email", "")
    return recipients.get((email or "").lower())


def digest_recipients(
    *, dispute: Dispute, user
) -> tuple[MessageRecipient | None, MessageRecipient | None]:
    """The digests a coordinator may set: their own, and the solidarity contact's (None when
    it is the coordinator's own address, or when either has no address)."""
    mine = recipient_for(dispute=dispute, user=user)
    contact = recipient_for(dispute=dispute, contact=True)
    return mine, (contact if contact != mine else None)


@transaction.atomic
def recipient_frequency_set(*, recipient: MessageRecipient, frequency: str, user) -> None:
    recipient.frequency = DigestFrequency(frequency)
    recipient.save(update_fields=["frequency", "updated_at"])
    log_action(
        recipient.dispute,
        "message.digest_frequency_changed",
        user=user,
        data={"recipient": recipient.pk, "frequency": str(frequency)},
    )
