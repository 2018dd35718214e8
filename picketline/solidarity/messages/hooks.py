"""What the messages part adds to dispute pages and the moderation queue."""

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse

from picketline.core.versions import CountedPaginator, cached_under
from picketline.disputes.hooks import MANAGE, PUBLIC, DisputeSection, dispute_section_register

PER_PAGE = 20


def public_section(request, dispute) -> dict:
    """The counts by country and a page of messages, kept rendered under the messages' data
    version (a page of a dispute with ten thousand messages is read and rendered once, not on
    every view), and the empty form's fields, kept rendered until the next upgrade."""
    from picketline.solidarity.messages.selectors import message_country_counts

    total, countries = message_country_counts(dispute=dispute)
    page = CountedPaginator(_published(dispute), PER_PAGE, count=total).get_page(
        request.GET.get("messages_page")
    )
    return {
        "messages": cached_under(
            f"messages:page:{dispute.pk}:{page.number}",
            names=("messages",),
            build=lambda: _messages_html(page, countries),
        ),
        "form_fields": cached_under("messages:form-fields", names=(), build=_form_fields_html),
        "action": reverse("solidarity:message_send", kwargs={"slug": dispute.slug}),
    }


def _published(dispute):
    from picketline.solidarity.messages.selectors import messages_published

    return messages_published(dispute=dispute)


def _messages_html(page, countries) -> str:
    from picketline.solidarity.messages.selectors import message_signature

    names = {country.code: country.name for country in countries}
    items = list(page.object_list) if page.paginator.count else []
    context = {
        "page": page,
        "items": [(m, message_signature(m, names.get(m.country, m.country))) for m in items],
        "countries": countries,
    }
    return render_to_string("solidarity/messages/_list.html", context)


def _form_fields_html() -> str:
    from picketline.solidarity.messages.forms import MessageForm

    return render_to_string("solidarity/messages/_form_fields.html", {"form": MessageForm()})


def manage_section(request, dispute) -> dict:
    from picketline.solidarity.messages.selectors import messages_for_coordinators

    return messages_for_coordinators(dispute=dispute).aggregate(
        pending=Count("id", filter=Q(published_at__isnull=True)),
        published=Count("id", filter=Q(published_at__isnull=False)),
    )


def register() -> None:
    """Called once from the app's ready()."""
    from picketline.moderation.registry import moderation_register
    from picketline.solidarity.messages.moderation import MessageHandler

    moderation_register(MessageHandler())
    dispute_section_register(
        DisputeSection(
            key="messages",
            page=PUBLIC,
            order=10,
            template="solidarity/messages/_section.html",
            context=public_section,
        )
    )
    dispute_section_register(
        DisputeSection(
            key="messages",
            page=MANAGE,
            order=10,
            template="solidarity/messages/_manage.html",
            context=manage_section,
        )
    )
