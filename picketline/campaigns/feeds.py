"""A campaign's joint actions as feeds: `/campaigns/<slug>.atom` for feed readers and
`/campaigns/<slug>.ics` for calendars. Both list its days of action and events and those of
its disputes (`selectors.campaign_joint_actions`); they are public, like the page."""

import datetime as dt

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, linebreaks
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from icalendar import Event as VEvent

from picketline.campaigns.models import Campaign
from picketline.campaigns.selectors import JointAction, campaign_get_public, campaign_joint_actions
from picketline.core.http import site_host
from picketline.events import calendar
from picketline.events.days.models import DayOfAction

SUMMARY_WORDS = 80


class CampaignAtomFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, slug: str) -> Campaign:
        return campaign_get_public(slug=slug)

    def title(self, campaign: Campaign) -> str:
        return _("%(campaign)s: joint actions") % {"campaign": campaign.title}

    def subtitle(self, campaign: Campaign) -> str:
        return _("Days of action and events of the campaign and its disputes.")

    def link(self, campaign: Campaign) -> str:
        return campaign.get_absolute_url()

    def feed_url(self, campaign: Campaign) -> str:
        return f"{campaign.get_absolute_url().rstrip('/')}.atom"

    def author_name(self) -> str:
        return settings.SITE_NAME

    def items(self, campaign: Campaign) -> list[JointAction]:
        return list(reversed(campaign_joint_actions(campaign)))

    def item_title(self, action: JointAction) -> str:
        if action.kind == "day":
            return _("Day of action: %(title)s") % {"title": action.item.title}
        return calendar.event_summary(action.item)

    def item_description(self, action: JointAction) -> str | None:
        text = action.item.call if action.kind == "day" else action.item.description
        if not text.strip():
            return None
        return format_html(
            '<div lang="{}" dir="auto">{}</div>',
            action.item.language,
            SafeString(linebreaks(Truncator(text).words(SUMMARY_WORDS), autoescape=True)),
        )

    def item_link(self, action: JointAction) -> str:
        return action.item.get_absolute_url()

    def item_guid(self, action: JointAction) -> str:
        item = action.item
        return f"tag:{site_host()},{item.created_at:%Y-%m-%d}:{action.kind}/{item.pk}"

    def item_guid_is_permalink(self, action: JointAction) -> bool:
        return False

    def item_pubdate(self, action: JointAction):
        return action.item.created_at

    def item_updateddate(self, action: JointAction):
        return action.item.updated_at


campaign_atom = require_safe(CampaignAtomFeed())


def _day_vevent(day: DayOfAction, *, host: str) -> VEvent:
    component = VEvent.new(
        uid=f"day-of-action-{day.pk}@{host}",
        stamp=day.updated_at,
        start=day.starts_on,
        end=day.ends_on + dt.timedelta(days=1),
        summary=_("Day of action: %(title)s") % {"title": day.title},
        url=f"{settings.SITE_URL}{day.get_absolute_url()}",
        description=day.call[:2000] or None,
    )
    component.add("status", "CONFIRMED")
    return component


@require_safe
def campaign_ics(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = campaign_get_public(slug=slug)
    actions = campaign_joint_actions(campaign)
    events = [action.item for action in actions if action.kind == "event"]
    file = calendar.events_calendar(events, name=campaign.title)
    host = site_host()
    for action in actions:
        if action.kind == "day":
            file.add_component(_day_vevent(action.item, host=host))
    return HttpResponse(file.to_ical(), content_type=calendar.CONTENT_TYPE)
