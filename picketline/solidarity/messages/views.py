"""Pages for solidarity messages: sending one, and the coordinators' inbox, export and print.

The coordinators' pages load their dispute through `dispute_get_for_user(..., write=True)`.
"""

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe

from picketline.accounts.decorators import two_factor_verified_required
from picketline.accounts.two_factor import two_factor_redirect_url
from picketline.core.http import private_page, uploaded_file
from picketline.core.ratelimit import submission_rate_limited
from picketline.disputes.models import Dispute
from picketline.disputes.selectors import dispute_get_for_user
from picketline.solidarity.http import public_dispute, retry_later
from picketline.solidarity.messages.export import csv_lines
from picketline.solidarity.messages.forms import FrequencyForm, InboxFilterForm, MessageForm
from picketline.solidarity.messages.selectors import (
    message_photo_get_for_user,
    message_rows,
    messages_for_coordinators,
)
from picketline.solidarity.messages.services import (
    digest_recipients,
    message_send,
    recipient_for,
    recipient_frequency_set,
)

SEND_TEMPLATE = "solidarity/messages/send.html"


@require_POST
def message_send_view(request, slug):
    dispute = public_dispute(slug)
    if submission_rate_limited(request, scope="message"):
        form = MessageForm(initial={k: request.POST.get(k) for k in ("body", "language")})
        context = {"dispute": dispute, "form": form, "rate_limited": True}
        return retry_later("message", render(request, SEND_TEMPLATE, context, status=429))
    form = MessageForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, SEND_TEMPLATE, {"dispute": dispute, "form": form}, status=400)
    user = request.user if request.user.is_authenticated else None
    message = message_send(
        dispute=dispute, user=user, photo=form.cleaned_data["photo"], **form.message_fields()
    )
    url = reverse("solidarity:message_thanks", kwargs={"slug": dispute.slug})
    return HttpResponseRedirect(url + ("?published=1" if message.published_at else ""), status=303)


@require_GET
def message_thanks(request, slug):
    dispute = public_dispute(slug)
    return render(
        request,
        "solidarity/messages/thanks.html",
        {"dispute": dispute, "published": request.GET.get("published") == "1"},
    )


# --- the coordinators' pages ----------------------------------------------------------------


@require_safe
def message_photo(request, pk):
    """A message's photo, streamed by the app (nothing serves MEDIA_ROOT): anyone's once the
    message is published, until then only its dispute's coordinators' and moderators'."""
    user = request.user
    verified = user.is_authenticated and two_factor_redirect_url(request) is None
    message, public = message_photo_get_for_user(pk=pk, user=user, verified=verified)
    response = FileResponse(message.photo.open("rb"), content_type="image/jpeg")
    uploaded_file(response, filename=f"message-{message.pk}.jpg", inline=True)
    if public:
        # Short: a moderator may take a message down again.
        response["Cache-Control"] = "public, max-age=600"
    else:
        private_page(response)
    return response


def _dispute(request, slug: str) -> Dispute:
    return dispute_get_for_user(user=request.user, slug=slug, write=True)


def _filtered(request, dispute):
    form = InboxFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    messages = messages_for_coordinators(
        dispute=dispute,
        status=filters.get("status", ""),
        country=filters.get("country", ""),
        q=filters.get("q", ""),
    )
    return form, message_rows(messages)


def _frequency_forms(request, dispute) -> list[dict]:
    mine, contact = digest_recipients(dispute=dispute, user=request.user)
    return [
        FrequencyForm.for_recipient(recipient, who)
        for who, recipient in ((FrequencyForm.ME, mine), (FrequencyForm.CONTACT, contact))
        if recipient is not None
    ]


@never_cache
@require_GET
@two_factor_verified_required
def message_inbox(request, slug):
    dispute = _dispute(request, slug)
    form, rows = _filtered(request, dispute)
    return render(
        request,
        "solidarity/messages/inbox.html",
        {
            "dispute": dispute,
            "filter_form": form,
            "rows": rows,
            "query": request.GET.urlencode(),
            "frequency_forms": _frequency_forms(request, dispute),
        },
    )


@never_cache
@require_GET
@two_factor_verified_required
def message_print(request, slug):
    dispute = _dispute(request, slug)
    _form, rows = _filtered(request, dispute)
    return render(request, "solidarity/messages/print.html", {"dispute": dispute, "rows": rows})


@never_cache
@require_GET
@two_factor_verified_required
def message_export(request, slug):
    dispute = _dispute(request, slug)
    _form, rows = _filtered(request, dispute)
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="messages-{dispute.slug}.csv"'
    return response


@require_POST
@two_factor_verified_required
def message_frequency(request, slug):
    dispute = _dispute(request, slug)
    form = FrequencyForm(request.POST)
    inbox = reverse("solidarity:message_inbox", kwargs={"slug": dispute.slug})
    if not form.is_valid():
        flash.error(request, _("Choose how often the messages should arrive."))
        return redirect(inbox)
    contact = form.cleaned_data["recipient"] == FrequencyForm.CONTACT
    recipient = recipient_for(dispute=dispute, user=request.user, contact=contact)
    if recipient is None:
        raise PermissionDenied
    recipient_frequency_set(
        recipient=recipient, frequency=form.cleaned_data["frequency"], user=request.user
    )
    flash.success(request, form.saved_message(recipient))
    return redirect(inbox)
