"""The Stripe adapter, through Stripe's official SDK: hosted Checkout in subscription mode,
so card details go to Stripe only, and webhooks verified with STRIPE_WEBHOOK_SECRET.

The dues price is sent inline with each checkout (`price_data`), so nothing has to be set
up in Stripe's dashboard first. The membership's id travels as metadata on the checkout and
on the subscription, so every invoice names its member even when it arrives before the
checkout's own event.
"""

import stripe
from django.conf import settings
from django.utils.translation import gettext as _

from picketline.membership.members.models import Membership

SignatureError = stripe.SignatureVerificationError


class StripeProvider:
    key = "stripe"
    label = "Stripe"

    def available(self) -> bool:
        return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET)

    def checkout_start(self, *, membership: Membership, success_url: str, cancel_url: str) -> str:
        plan = membership.plan
        amount = membership.amount_minor or plan.amount_minor
        metadata = {
            "membership": str(membership.pk),
            "organisation": str(membership.organisation_id),
        }
        session = stripe.checkout.Session.create(
            api_key=settings.STRIPE_SECRET_KEY,
            mode="subscription",
            customer_email=membership.email,
            client_reference_id=str(membership.pk),
            metadata=metadata,
            subscription_data={"metadata": metadata},
            line_items=[
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": plan.currency.lower(),
                        "unit_amount": amount,
                        "recurring": {"interval": "year" if plan.period == "yearly" else "month"},
                        "product_data": {
                            "name": _("Dues to %(name)s") % {"name": membership.organisation.name}
                        },
                    },
                }
            ],
            success_url=success_url,
            cancel_url=cancel_url,
        )
        return session.url

    def subscription_cancel(self, *, subscription_id: str) -> None:
        stripe.Subscription.cancel(subscription_id, api_key=settings.STRIPE_SECRET_KEY)


def event_verify(payload: bytes, signature: str) -> dict:
    """The event in a webhook's body, once its signature is checked against the webhook
    secret and its timestamp is recent; raises SignatureError otherwise."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise SignatureError("Stripe is not configured", signature)
    event = stripe.Webhook.construct_event(
        payload,
        signature,
        settings.STRIPE_WEBHOOK_SECRET,
        tolerance=settings.STRIPE_WEBHOOK_TOLERANCE,
    )
    return event.to_dict()
