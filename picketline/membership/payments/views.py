"""`POST /payments/stripe/webhook`: Stripe's events, verified by their signature.

A bad or stale signature gets 400 and nothing is stored. A verified event is stored once and
applied (`services.stripe_event_receive`); a second delivery answers 200 and changes nothing,
so Stripe stops retrying.
"""

from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from picketline.membership.payments import services
from picketline.membership.payments.stripe import SignatureError, StripeProvider, event_verify

MAX_BODY = 512 * 1024


@csrf_exempt
@require_POST
def stripe_webhook(request):
    if not StripeProvider().available():
        raise Http404
    if len(request.body) > MAX_BODY:
        return HttpResponse(status=413)
    try:
        event = event_verify(request.body, request.headers.get("Stripe-Signature", ""))
    except (SignatureError, ValueError):
        return JsonResponse({"error": "invalid signature"}, status=400)
    outcome = services.stripe_event_receive(event)
    return JsonResponse({"received": True, "outcome": outcome})
