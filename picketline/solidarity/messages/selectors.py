"""Reading solidarity messages: the public list, and everything a dispute's coordinators see."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from picketline.core.text import normalize_name
from picketline.core.versions import cached_under
from picketline.disputes.models import Dispute
from picketline.disputes.selectors import dispute_public_queryset, user_can_manage
from picketline.moderation.models import ItemStatus, ModerationItem
from picketline.places.countries import country_names
from picketline.solidarity.messages.models import Message

KIND = "message"


@dataclass(frozen=True)
class Signature:
    """Who a message is from, as every page, print-out and email signs it."""

    name: str  # "" when the sender stays anonymous
    organisation: str  # "" when none was given, or when it only repeats the name
    country: str


def message_signature(message: Message, country_name: str = "") -> Signature:
    """The sender's name, organisation and country; an organisation that signs as itself
    ("Dockers' branch", of "Dockers' branch") is named once."""
    name = message.sender_name.strip()
    organisation = message.organisation_name.strip()
    if name and normalize_name(organisation) == normalize_name(name):
        organisation = ""
    return Signature(name=name, organisation=organisation, country=country_name)


def messages_published(*, dispute: Dispute) -> QuerySet[Message]:
    """What the public sees: never the sender's email or consent."""
    return (
        Message.objects.filter(dispute=dispute, published_at__isnull=False)
        .defer("sender_email", "contact_consent")
        .order_by("-published_at", "-id")
    )


def message_photo_get_for_user(*, pk: int, user, verified: bool) -> tuple[Message, bool]:
    """A message's photo, and whether it is public: a published message's on a public
    dispute is anyone's; any other only for the dispute's coordinators and moderators in a
    session with two factors verified (`verified`). Http404 for everyone else, and when the
    message has no photo."""
    message = (
        Message.objects.filter(pk=pk)
        .exclude(photo="")
        .select_related("dispute")
        .only("id", "photo", "published_at", "dispute")
        .first()
    )
    if message is None:
        raise Http404(_("There is no photo at this address."))
    public = (
        message.published_at is not None
        and dispute_public_queryset().filter(pk=message.dispute_id).exists()
    )
    if not public and not (verified and user_can_manage(user, message.dispute)):
        raise Http404(_("There is no photo at this address."))
    return message, public


@dataclass
class CountryCount:
    code: str
    name: str
    count: int


def message_country_counts(*, dispute: Dispute) -> tuple[int, list[CountryCount]]:
    """How many messages are published in all, and how many from each country.

    The counts are public and kept under the messages' data version, so a page with ten
    thousand messages does not group them all on every view; any change to a message builds
    them again.
    """
    rows = cached_under(
        f"messages:countries:{dispute.pk}",
        names=("messages",),
        build=lambda: list(
            Message.objects.filter(dispute=dispute, published_at__isnull=False)
            .values("country")
            .annotate(count=Count("id"))
            .order_by("-count", "country")
        ),
    )
    total = sum(row["count"] for row in rows)
    rows = [row for row in rows if row["country"]]
    names = country_names(row["country"] for row in rows)
    counts = [
        CountryCount(
            code=row["country"], name=names.get(row["country"], row["country"]), count=row["count"]
        )
        for row in rows
    ]
    return total, counts


def messages_for_coordinators(
    *, dispute: Dispute, status: str = "", country: str = "", q: str = ""
) -> QuerySet[Message]:
    """Pending and published messages, leaving out those moderators rejected.

    Call only with a dispute from `dispute_get_for_user(..., write=True)`.
    """
    rejected = ModerationItem.objects.filter(kind=KIND, status=ItemStatus.REJECTED).values(
        "object_id"
    )
    messages = Message.objects.filter(dispute=dispute).exclude(pk__in=rejected)
    if status == "pending":
        messages = messages.filter(published_at__isnull=True)
    elif status == "published":
        messages = messages.filter(published_at__isnull=False)
    if country:
        messages = messages.filter(country=country)
    if q:
        messages = messages.filter(
            Q(body__icontains=q) | Q(sender_name__icontains=q) | Q(organisation_name__icontains=q)
        )
    return messages.order_by("-created_at", "-id")


@dataclass
class MessageRow:
    """One message as its coordinators see it: the email only when the sender consented."""

    message: Message
    status: str
    country_name: str
    email: str
    signature: Signature


def message_rows(messages) -> list[MessageRow]:
    from django.utils.translation import gettext as _

    messages = list(messages)
    names = country_names(m.country for m in messages)
    rows = []
    for m in messages:
        country_name = names.get(m.country, m.country)
        rows.append(
            MessageRow(
                message=m,
                status=_("Published") if m.published_at else _("Waiting for moderators"),
                country_name=country_name,
                email=m.sender_email if m.contact_consent else "",
                signature=message_signature(m, country_name),
            )
        )
    return rows
