"""`/disputes.atom`: the newest disputes matching the filters, for feed readers."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, linebreaks
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from picketline.core.http import site_host
from picketline.disputes.feeds.common import bad_filters_text
from picketline.disputes.filtering import FilterError, filters_from_query
from picketline.disputes.filters import DisputeFilters
from picketline.disputes.models import Dispute
from picketline.disputes.selectors import dispute_feed_search

ENTRIES = 50
SUMMARY_WORDS = 80


class DisputeAtomFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *, filters: DisputeFilters, query: str):
        self.query = query
        return filters

    def title(self) -> str:
        return _("%(site)s: strikes and disputes") % {"site": settings.SITE_NAME}

    def subtitle(self) -> str:
        return _("The newest disputes in the registry.")

    def link(self) -> str:
        return reverse("disputes:list") + (f"?{self.query}" if self.query else "")

    def feed_url(self) -> str:
        return reverse("feeds:atom") + (f"?{self.query}" if self.query else "")

    def items(self, filters: DisputeFilters):
        disputes = dispute_feed_search(filters=filters).prefetch_related(None)
        return disputes.order_by("-created_at", "-id")[:ENTRIES]

    def item_title(self, item: Dispute) -> str:
        # Atom titles are text, not HTML: the generator escapes them once, which is enough.
        return item.title

    def author_name(self) -> str:
        # RFC 4287 wants an author on the feed when entries have none; people stay unnamed.
        return settings.SITE_NAME

    def item_description(self, item: Dispute) -> str | None:
        # Atom summaries are HTML; the description is plain text typed by people, in its own
        # language and direction whatever the reader's.
        if not item.description.strip():
            return None
        return format_html(
            '<div lang="{}" dir="auto">{}</div>',
            item.language,
            SafeString(
                linebreaks(Truncator(item.description).words(SUMMARY_WORDS), autoescape=True)
            ),
        )

    def item_link(self, item: Dispute) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Dispute) -> str:
        # A tag URI (RFC 4151) stays the same when the title, and so the slug, changes.
        return f"tag:{site_host()},{item.created_at:%Y-%m-%d}:dispute/{item.pk}"

    def item_guid_is_permalink(self, item: Dispute) -> bool:
        return False

    def item_pubdate(self, item: Dispute):
        return item.created_at

    def item_updateddate(self, item: Dispute):
        return item.updated_at

    def item_categories(self, item: Dispute) -> list[str]:
        return [str(item.get_kind_display()), str(item.get_status_display())]


@require_safe
def disputes_atom(request: HttpRequest) -> HttpResponse:
    try:
        filters = filters_from_query(request.GET)
    except FilterError as error:
        return bad_filters_text(error)
    return DisputeAtomFeed()(request, filters=filters, query=request.GET.urlencode())
