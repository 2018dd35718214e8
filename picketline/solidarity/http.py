"""What the views of every solidarity part share: the public dispute's 404, the answer to a
rate-limited form, and running a service on a valid form."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from picketline.core.ratelimit import retry_after_seconds
from picketline.disputes.models import Dispute
from picketline.disputes.selectors import dispute_get_public


def public_dispute(slug: str) -> Dispute:
    try:
        return dispute_get_public(slug=slug)
    except Dispute.DoesNotExist:
        raise Http404(_("There is no dispute at this address.")) from None


def retry_later(scope: str, response):
    """A page answering a form refused by `scope`'s rate limit (status 429), saying when to try
    again."""
    response["Retry-After"] = str(retry_after_seconds(scope))
    return response


def form_save(form, service: Callable, /, **kwargs):
    """`service(**kwargs, **form.service_fields())` when the form is valid, else None (an
    unbound form, on a GET, is never valid). A service that refuses (ValidationError) gets None
    too, its reason added to the form's errors."""
    if not form.is_valid():
        return None
    try:
        return service(**kwargs, **form.service_fields())
    except ValidationError as error:
        form.add_error(None, error)
        return None
