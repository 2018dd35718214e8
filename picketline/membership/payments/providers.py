"""Payment providers for dues: an interface, and the providers a site has configured.

A provider takes members to its own hosted pages to pay (no card data ever touches
Picketline), keeps their subscription, and tells us what happened through a signed webhook
(`services.provider_event_receive`). Without its keys a provider is not offered at all.
"""

import logging
from typing import Protocol

from django.db import transaction

from picketline.membership.members.models import Membership

logger = logging.getLogger("picketline.membership.payments")


class PaymentProvider(Protocol):
    key: str
    label: str

    def available(self) -> bool:
        """Configured on this site (its keys are set)."""

    def checkout_start(self, *, membership: Membership, success_url: str, cancel_url: str) -> str:
        """Opens a hosted checkout for the member's dues subscription; returns its address."""

    def subscription_cancel(self, *, subscription_id: str) -> None: ...


def _all() -> list[PaymentProvider]:
    from picketline.membership.payments.stripe import StripeProvider

    return [StripeProvider()]


def providers_available() -> list[PaymentProvider]:
    return [provider for provider in _all() if provider.available()]


def provider_get(key: str) -> PaymentProvider | None:
    return next((p for p in providers_available() if p.key == key), None)


def subscription_cancel_later(membership: Membership) -> None:
    """Once the leaving commits, asks the provider to stop charging the member. A failure is
    logged (by id only) for a treasurer to follow up; the member has left either way."""
    subscription_id = membership.provider_subscription

    def cancel():
        for provider in providers_available():
            try:
                provider.subscription_cancel(subscription_id=subscription_id)
            except Exception:
                logger.exception(
                    "Could not cancel the %s subscription of membership %s",
                    provider.key,
                    membership.pk,
                )

    transaction.on_commit(cancel)
