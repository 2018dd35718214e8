"""Pages for solidarity messages: sending one, and the coordinators' inbox, export and print.

The coordinators' pages load their dispute through `dispute_get_for_user(..., write=True)`.
"""

import csv

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from picketline.accounts.decorators import two_factor_verified_required
from picketline.core.ratelimit import retry_after_seconds, submission_rate_limited
from picketline.core.text import csv_cell
from picketline.disputes.models import Dispute
from picketline.disputes.selectors import dispute_get_for_user, dispute_get_public
from picketline.solidarity.messages.forms import FrequencyForm, InboxFilterForm, MessageForm
from picketline.solidarity.messages.models import DigestFrequency
from picketline.solidarity.messages.selectors import message_rows, messages_for_coordinators
from picketline.solidarity.messages.services import (
    message_send,
    recipient_for,
    recipient_frequency_set,
)

SEND_TEMPLATE = "solidarity/messages/send.html"


def _public(slug: str) -> Dispute:
    try:
        return dispute_get_public(slug=slug)
    except Dispute.DoesNotExist:
        raise Http404(_("There is no dispute at this address.")) from None


@require_POST
def message_send_view(request, slug):
    dispute = _public(slug)
    if submission_rate_limited(request, scope="message"):
        form = MessageForm(initial={k: request.POST.get(k) for k in ("body", "language")})
        response = render(
            request,
            SEND_TEMPLATE,
            {"dispute": dispute, "form": form, "rate_limited": True},
            status=429,
        )
        response["Retry-After"] = str(retry_after_seconds())
        return response
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        user = request.user if request.user.is_authenticated else None
        message = message_send(
            dispute=dispute, user=user, photo=form.cleaned_data["photo"], **form.message_fields()
        )
        url = reverse("solidarity:message_thanks", kwargs={"slug": dispute.slug})
        if message.published_at:
            url += "?published=1"
        return HttpResponseRedirect(url, status=303)
    return render(request, SEND_TEMPLATE, {"dispute": dispute, "form": form}, status=400)


@require_GET
def message_thanks(request, slug):
    dispute = _public(slug)
    return render(
        request,
        "solidarity/messages/thanks.html",
        {"dispute": dispute, "published": request.GET.get("published") == "1"},
    )


# --- the coordinators' pages ----------------------------------------------------------------


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
    forms = []
    mine = recipient_for(dispute=dispute, user=request.user)
    if mine is not None:
        forms.append(
            {
                "label": _("Messages to you (%(email)s)") % {"email": mine.email},
                "form": FrequencyForm(
                    initial={"recipient": FrequencyForm.ME, "frequency": mine.frequency},
                    auto_id="freq-me-%s",
                ),
            }
        )
    contact = recipient_for(dispute=dispute, contact=True)
    if contact is not None and contact != mine:
        forms.append(
            {
                "label": _("Messages to the solidarity contact (%(email)s)")
                % {"email": contact.email},
                "form": FrequencyForm(
                    initial={"recipient": FrequencyForm.CONTACT, "frequency": contact.frequency},
                    auto_id="freq-contact-%s",
                ),
            }
        )
    return forms


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


class _Echo:
    def write(self, value):
        return value


def csv_header() -> list[str]:
    return [
        _("Sent"),
        _("Status"),
        _("Name"),
        _("Organisation"),
        _("Country"),
        _("Language"),
        _("Message"),
        _("Email (given with consent)"),
    ]


@never_cache
@require_GET
@two_factor_verified_required
def message_export(request, slug):
    dispute = _dispute(request, slug)
    _form, rows = _filtered(request, dispute)
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(csv_header())
        for row in rows:
            m = row.message
            yield writer.writerow(
                [
                    timezone.localtime(m.created_at).isoformat(timespec="minutes"),
                    row.status,
                    csv_cell(m.sender_name or _("Anonymous")),
                    csv_cell(m.organisation_name),
                    row.country_name,
                    m.language,
                    csv_cell(m.body),
                    csv_cell(row.email),
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
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
    flash.success(
        request,
        _("Saved: %(email)s gets messages “%(frequency)s”.")
        % {
            "email": recipient.email,
            "frequency": DigestFrequency(recipient.frequency).label,
        },
    )
    return redirect(inbox)
