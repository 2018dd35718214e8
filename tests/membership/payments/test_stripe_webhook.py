"""Stripe's webhook: signed events only (a bad or stale signature is 400 and changes nothing),
each event once, in any order; and checkout through the SDK, never over the network here."""

import hashlib
import hmac
import json
import time
from unittest import mock

import pytest

from picketline.membership.dues.models import DuesEntry
from picketline.membership.payments.models import ProviderEvent
from tests.membership import helpers

pytestmark = pytest.mark.django_db
SECRET = "whsec_test_secret"
URL = "/payments/stripe/webhook"


@pytest.fixture(autouse=True)
def stripe_keys(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_not_a_real_key"
    settings.STRIPE_WEBHOOK_SECRET = SECRET


@pytest.fixture
def member():
    organisation = helpers.make_network()
    plan = helpers.make_plan(organisation, amount_minor=500)
    return helpers.make_member(organisation, plan=plan)


def _sign(payload: str, *, at=None, secret=SECRET) -> str:
    at = int(at if at is not None else time.time())
    digest = hmac.new(secret.encode(), f"{at}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={at},v1={digest}"


def _event(kind, obj, *, event_id, created=None):
    return {
        "id": event_id,
        "object": "event",
        "type": kind,
        "created": created or int(time.time()),
        "data": {"object": obj},
    }


def _send(client, event, **sign):
    payload = json.dumps(event)
    return client.post(
        URL,
        data=payload,
        content_type="application/json",
        headers={"Stripe-Signature": _sign(payload, **sign)},
    )


def _invoice(member, *, invoice="in_1", subscription="sub_1", metadata=True, amount=500):
    details = {"subscription": subscription}
    if metadata:
        details["metadata"] = {"membership": str(member.pk)}
    return {
        "id": invoice,
        "object": "invoice",
        "amount_paid": amount,
        "currency": "gbp",
        "status_transitions": {"paid_at": int(time.time())},
        "parent": {"subscription_details": details},
    }


def _checkout(member, subscription="sub_1"):
    return {
        "id": "cs_1",
        "object": "checkout.session",
        "client_reference_id": str(member.pk),
        "metadata": {"membership": str(member.pk)},
        "customer": "cus_1",
        "subscription": subscription,
    }


def test_a_paid_invoice_records_one_entry(client, member):
    response = _send(client, _event("invoice.paid", _invoice(member), event_id="evt_1"))
    assert response.status_code == 200
    entry = DuesEntry.objects.get()
    assert (entry.amount_minor, entry.currency, entry.method) == (500, "GBP", "card")
    assert entry.external_id == "stripe:in_1"


def test_a_bad_signature_is_400_and_changes_nothing(client, member):
    payload = json.dumps(_event("invoice.paid", _invoice(member), event_id="evt_1"))
    for header in (_sign(payload, secret="whsec_wrong"), "t=1,v1=abc", ""):
        response = client.post(
            URL, data=payload, content_type="application/json", headers={"Stripe-Signature": header}
        )
        assert response.status_code == 400
    assert not DuesEntry.objects.exists()
    assert not ProviderEvent.objects.exists()


def test_a_tampered_body_is_400(client, member):
    payload = json.dumps(_event("invoice.paid", _invoice(member), event_id="evt_1"))
    header = _sign(payload)
    forged = payload.replace('"amount_paid": 500', '"amount_paid": 50000')
    response = client.post(
        URL, data=forged, content_type="application/json", headers={"Stripe-Signature": header}
    )
    assert response.status_code == 400
    assert not DuesEntry.objects.exists()


def test_a_stale_signature_is_400(client, member):
    response = _send(
        client,
        _event("invoice.paid", _invoice(member), event_id="evt_1"),
        at=time.time() - 3600,
    )
    assert response.status_code == 400
    assert not DuesEntry.objects.exists()


def test_the_same_event_twice_records_one_entry(client, member):
    event = _event("invoice.paid", _invoice(member), event_id="evt_1")
    assert _send(client, event).status_code == 200
    second = _send(client, event)
    assert second.status_code == 200 and second.json()["outcome"] == "duplicate"
    assert DuesEntry.objects.count() == 1
    assert ProviderEvent.objects.count() == 1


def test_two_events_about_one_invoice_record_one_entry(client, member):
    _send(client, _event("invoice.payment_succeeded", _invoice(member), event_id="evt_1"))
    _send(client, _event("invoice.paid", _invoice(member), event_id="evt_2"))
    assert DuesEntry.objects.count() == 1


def test_an_invoice_before_its_checkout_waits_and_is_then_recorded(client, member):
    early = _event("invoice.paid", _invoice(member, metadata=False), event_id="evt_1")
    assert _send(client, early).json()["outcome"] == "pending"
    assert not DuesEntry.objects.exists()
    _send(client, _event("checkout.session.completed", _checkout(member), event_id="evt_2"))
    member.refresh_from_db()
    assert member.provider_subscription == "sub_1"
    assert DuesEntry.objects.count() == 1
    assert ProviderEvent.objects.get(event_id="evt_1").status == "applied"


def test_a_cancellation_before_the_checkout_is_not_undone_by_it(client, member):
    deleted = {"id": "sub_1", "object": "subscription", "metadata": {"membership": str(member.pk)}}
    _send(client, _event("customer.subscription.deleted", deleted, event_id="evt_2"))
    _send(client, _event("checkout.session.completed", _checkout(member), event_id="evt_1"))
    member.refresh_from_db()
    assert member.subscription_ended_at is not None
    assert member.provider_subscription == "sub_1"


def test_a_whole_refund_reverses_the_entry_once(client, member):
    _send(client, _event("invoice.paid", _invoice(member), event_id="evt_1"))
    charge = {
        "id": "ch_1",
        "object": "charge",
        "invoice": "in_1",
        "amount": 500,
        "amount_refunded": 500,
    }
    _send(client, _event("charge.refunded", charge, event_id="evt_2"))
    _send(client, _event("charge.refunded", charge, event_id="evt_3"))
    assert sorted(DuesEntry.objects.values_list("amount_minor", flat=True)) == [-500, 500]


def test_without_keys_stripe_is_not_offered(client, member, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    response = _send(client, _event("invoice.paid", _invoice(member), event_id="evt_1"))
    assert response.status_code == 404
    token = helpers.membership_token(member)
    page = client.get(f"/members/me/{token}/").content.decode()
    assert "Stripe" not in page


def test_checkout_goes_to_stripes_hosted_page_through_the_sdk(client, member):
    token = helpers.membership_token(member)
    assert "Stripe" in client.get(f"/members/me/{token}/").content.decode()
    session = mock.Mock(url="https://checkout.stripe.com/c/pay/cs_test_1")
    with mock.patch("stripe.checkout.Session.create", return_value=session) as create:
        response = client.post(f"/members/me/{token}/", {"action": "pay", "provider": "stripe"})
    assert response.status_code == 303
    assert response["Location"] == session.url
    params = create.call_args.kwargs
    assert params["mode"] == "subscription"
    assert params["metadata"]["membership"] == str(member.pk)
    assert params["line_items"][0]["price_data"]["unit_amount"] == 500
    assert params["line_items"][0]["price_data"]["recurring"] == {"interval": "month"}


def test_leaving_cancels_the_subscription(client, member, django_capture_on_commit_callbacks):
    member.provider_subscription = "sub_1"
    member.save(update_fields=["provider_subscription"])
    token = helpers.membership_token(member)
    with (
        mock.patch("stripe.Subscription.cancel") as cancel,
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(f"/members/me/{token}/", {"action": "leave"})
    cancel.assert_called_once()
    assert cancel.call_args.args == ("sub_1",)
