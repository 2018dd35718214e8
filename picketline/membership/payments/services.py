"""Applying a payment provider's events to memberships and their ledgers.

Each event is stored first, under a unique (provider, event id): a second delivery of the
same event is refused by the database and changes nothing. Events may arrive in any order:
an invoice paid before the checkout that started the subscription is matched through the
membership id the subscription carries as metadata, and when it carries none it waits
(`pending`) until the checkout's event says whose subscription it is. Invoices are recorded
under their own id (`stripe:<invoice>`), so even two different events about one invoice
write one ledger entry.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from picketline.core.audit import log_action
from picketline.membership.dues.models import DuesEntry, EntryMethod
from picketline.membership.dues.services import (
    dues_entry_record_external,
    dues_entry_reverse_external,
)
from picketline.membership.members.models import Membership
from picketline.membership.payments.models import EventStatus, ProviderEvent

STRIPE = "stripe"
PAID = ("invoice.paid", "invoice.payment_succeeded")
HANDLED = (*PAID, "checkout.session.completed", "customer.subscription.deleted", "charge.refunded")


def _membership_by_id(value) -> Membership | None:
    if value is None or not str(value).isdigit():
        return None
    return Membership.objects.select_related("organisation", "plan").filter(pk=int(value)).first()


def _invoice_subscription(invoice: dict) -> tuple[str, dict]:
    """The subscription id and its metadata, wherever this API version puts them."""
    details = (invoice.get("parent") or {}).get("subscription_details") or {}
    legacy = invoice.get("subscription_details") or {}
    subscription = details.get("subscription") or invoice.get("subscription") or ""
    if isinstance(subscription, dict):
        subscription = subscription.get("id", "")
    metadata = details.get("metadata") or legacy.get("metadata") or {}
    return subscription, metadata


def _membership_for_subscription(subscription: str, metadata: dict) -> Membership | None:
    membership = _membership_by_id(metadata.get("membership"))
    if membership is None and subscription:
        membership = (
            Membership.objects.select_related("organisation", "plan")
            .filter(provider_subscription=subscription)
            .first()
        )
    return membership


def _checkout_completed(obj: dict, created: dt.datetime) -> str:
    membership = _membership_by_id(
        (obj.get("metadata") or {}).get("membership") or obj.get("client_reference_id")
    )
    if membership is None:
        return EventStatus.IGNORED
    subscription = obj.get("subscription") or ""
    if isinstance(subscription, dict):
        subscription = subscription.get("id", "")
    changed = []
    if not membership.provider_subscription and subscription:
        membership.provider_subscription = subscription
        changed.append("provider_subscription")
    if not membership.provider_customer and obj.get("customer"):
        membership.provider_customer = str(obj["customer"])
        changed.append("provider_customer")
    if changed:
        membership.save(update_fields=changed)
        log_action(
            membership.organisation,
            "membership.subscribed",
            data={"membership": membership.pk, "provider": STRIPE},
        )
    return EventStatus.APPLIED


def _invoice_paid(obj: dict, created: dt.datetime) -> str:
    subscription, metadata = _invoice_subscription(obj)
    membership = _membership_for_subscription(subscription, metadata)
    if membership is None:
        return EventStatus.PENDING
    amount = int(obj.get("amount_paid") or 0)
    if amount <= 0:
        return EventStatus.IGNORED
    paid_at = (obj.get("status_transitions") or {}).get("paid_at")
    paid_at = dt.datetime.fromtimestamp(paid_at, dt.UTC) if paid_at else created
    dues_entry_record_external(
        membership=membership,
        external_id=f"stripe:{obj['id']}",
        amount_minor=amount,
        currency=str(obj.get("currency", "")).upper(),
        method=EntryMethod.CARD,
        paid_at=paid_at,
        note="Stripe",
    )
    return EventStatus.APPLIED


def _subscription_deleted(obj: dict, created: dt.datetime) -> str:
    membership = _membership_for_subscription(obj.get("id", ""), obj.get("metadata") or {})
    if membership is None:
        return EventStatus.PENDING
    if membership.subscription_ended_at is None:
        if not membership.provider_subscription:
            membership.provider_subscription = obj.get("id", "")
        membership.subscription_ended_at = created
        membership.save(update_fields=["provider_subscription", "subscription_ended_at"])
        log_action(
            membership.organisation,
            "membership.subscription_ended",
            data={"membership": membership.pk, "provider": STRIPE},
        )
    return EventStatus.APPLIED


def _charge_refunded(obj: dict, created: dt.datetime) -> str:
    invoice = obj.get("invoice")
    if isinstance(invoice, dict):
        invoice = invoice.get("id")
    if not invoice or int(obj.get("amount_refunded") or 0) < int(obj.get("amount") or 1):
        # Only whole refunds are reversed; a partial refund is for a treasurer to record.
        return EventStatus.IGNORED
    entry = (
        DuesEntry.objects.select_related("membership__organisation")
        .filter(external_id=f"stripe:{invoice}")
        .first()
    )
    if entry is None:
        return EventStatus.PENDING
    dues_entry_reverse_external(entry=entry, reason="Refunded through Stripe")
    return EventStatus.APPLIED


_APPLY = {
    "checkout.session.completed": _checkout_completed,
    "invoice.paid": _invoice_paid,
    "invoice.payment_succeeded": _invoice_paid,
    "customer.subscription.deleted": _subscription_deleted,
    "charge.refunded": _charge_refunded,
}


def _apply(event: ProviderEvent) -> str:
    obj = (event.payload.get("data") or {}).get("object") or {}
    status = _APPLY[event.type](obj, event.created)
    event.status = status
    event.applied_at = timezone.now() if status == EventStatus.APPLIED else None
    event.save(update_fields=["status", "applied_at"])
    return status


def _apply_pending() -> None:
    """Tries again every event that was waiting, oldest first."""
    for pk in ProviderEvent.objects.filter(provider=STRIPE, status=EventStatus.PENDING).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            event = (
                ProviderEvent.objects.select_for_update()
                .filter(pk=pk, status=EventStatus.PENDING)
                .first()
            )
            if event is not None:
                _apply(event)


def stripe_event_receive(event: dict) -> str:
    """Stores a verified event once and applies it; returns "duplicate" when the event id
    was seen before, else the event's status."""
    kind = str(event.get("type", ""))
    created = dt.datetime.fromtimestamp(int(event.get("created") or 0), dt.UTC)
    try:
        with transaction.atomic():
            stored = ProviderEvent.objects.create(
                provider=STRIPE,
                event_id=str(event["id"]),
                type=kind,
                created=created,
                payload=event if kind in HANDLED else {},
                status=EventStatus.PENDING if kind in HANDLED else EventStatus.IGNORED,
            )
    except IntegrityError:
        return "duplicate"
    if kind not in HANDLED:
        return EventStatus.IGNORED
    with transaction.atomic():
        stored = ProviderEvent.objects.select_for_update().get(pk=stored.pk)
        status = _apply(stored)
    if status == EventStatus.APPLIED:
        _apply_pending()
    return status
