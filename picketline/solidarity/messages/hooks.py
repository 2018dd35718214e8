"""What the messages part adds to dispute pages and the moderation queue."""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.urls import reverse

from picketline.disputes.hooks import MANAGE, PUBLIC, DisputeSection, dispute_section_register

PER_PAGE = 20


def public_section(request, dispute) -> dict:
    from picketline.solidarity.messages.forms import MessageForm
    from picketline.solidarity.messages.selectors import (
        message_country_counts,
        message_signature,
        messages_published,
    )

    total, countries = message_country_counts(dispute=dispute)
    paginator = Paginator(messages_published(dispute=dispute), PER_PAGE)
    # Known already: spares the paginator its own count query.
    paginator.count = total
    page = paginator.get_page(request.GET.get("messages_page"))
    items = list(page.object_list) if total else []
    names = {country.code: country.name for country in countries}
    return {
        "page": page,
        "items": [(m, message_signature(m, names.get(m.country, m.country))) for m in items],
        "countries": countries,
        "form": MessageForm(),
        "action": reverse("solidarity:message_send", kwargs={"slug": dispute.slug}),
    }


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
