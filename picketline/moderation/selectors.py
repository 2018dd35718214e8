"""Reads for the review queue: the filtered list, one item with what its page shows, counts."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from picketline.core.audit import audit_entries_for
from picketline.moderation.models import ItemStatus, ModerationItem
from picketline.moderation.registry import registered_kinds

# How much history an item's page shows; the admin's audit log keeps the rest.
HISTORY_LIMIT = 100


class Tab:
    PENDING = "pending"
    QUESTION = "question"
    DECIDED = "decided"

    CHOICES = [
        (PENDING, _("To review")),
        (QUESTION, _("Waiting for the submitter")),
        (DECIDED, _("Decided")),
    ]
    STATUSES = {
        PENDING: [ItemStatus.PENDING],
        QUESTION: [ItemStatus.QUESTION],
        DECIDED: [ItemStatus.APPROVED, ItemStatus.MERGED, ItemStatus.REJECTED],
    }


class Age:
    TODAY = "today"
    WEEK = "week"
    OLDER = "older"

    CHOICES = [
        (TODAY, _("Today")),
        (WEEK, _("This week")),
        (OLDER, _("Older than a week")),
    ]


class Order:
    NEWEST = "newest"
    OLDEST = "oldest"

    CHOICES = [(NEWEST, _("Newest first")), (OLDEST, _("Oldest first"))]


@dataclass
class QueueFilters:
    tab: str = Tab.PENDING
    kind: str = ""
    country: str = ""
    category: str = ""
    age: str = ""
    # None: either way.
    has_sources: bool | None = None
    order: str = Order.NEWEST


def queue_items(*, filters: QueueFilters, now: dt.datetime | None = None) -> QuerySet:
    """The queue's rows as the filters ask: only the columns a row shows, no related objects."""
    qs = ModerationItem.objects.filter(status__in=Tab.STATUSES[filters.tab])
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.country:
        qs = qs.filter(country=filters.country)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.has_sources is not None:
        qs = qs.filter(has_sources=filters.has_sources)
    if filters.age:
        now = now or timezone.now()
        start_of_today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
        week_ago = now - dt.timedelta(days=7)
        if filters.age == Age.TODAY:
            qs = qs.filter(submitted_at__gte=start_of_today)
        elif filters.age == Age.WEEK:
            qs = qs.filter(submitted_at__gte=week_ago)
        else:
            qs = qs.filter(submitted_at__lt=week_ago)
    qs = qs.only(
        "id",
        "kind",
        "status",
        "summary",
        "country",
        "category",
        "has_sources",
        "submitted_at",
        "decided_at",
        "version",
    )
    if filters.order == Order.OLDEST:
        return qs.order_by("submitted_at", "id")
    return qs.order_by("-submitted_at", "-id")


def queue_countries(*, tab: str) -> list[str]:
    """Country codes the tab's items come from, for the country filter."""
    codes = (
        ModerationItem.objects.filter(status__in=Tab.STATUSES[tab])
        .exclude(country="")
        .order_by()
        .values_list("country", flat=True)
        .distinct()
    )
    return sorted(codes)


def category_labels() -> dict[str, str]:
    """Category value → label over every registered kind of content."""
    labels: dict[str, str] = {}
    for handler in registered_kinds():
        labels.update((value, str(label)) for value, label in handler.categories)
    return labels


def pending_count() -> int:
    return ModerationItem.objects.filter(status=ItemStatus.PENDING).count()


def item_get(*, pk: int) -> ModerationItem:
    """One item with its content, for a moderator's page (the caller has checked the role); 404
    when either is gone."""
    item = get_object_or_404(
        ModerationItem.objects.select_related("content_type", "decided_by"), pk=pk
    )
    if item.content_object is None:
        raise Http404
    return item


def item_messages(*, item: ModerationItem) -> list:
    return list(item.messages.select_related("author"))


def item_history(*, obj) -> list:
    """The audit entries of the item's content, newest first."""
    return list(audit_entries_for(obj)[:HISTORY_LIMIT])
