"""What days of action add to the apps they build on: the joint-action level of solidarity
(level 3) and the days-of-action kind of moderation item. Called once from
`events.hooks.register`."""

from django.db.models import Q
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

from picketline.disputes.models import Dispute
from picketline.events.days.models import DayOfAction
from picketline.events.models import Event


def part_of_day_of_action(dispute: Dispute) -> str | None:
    """Level 3 evidence: the dispute is named by a published day of action, or one of its
    published local events is linked to the dispute."""
    # Two indexed lookups by dispute, rather than an OR across joins that visits every day.
    named = DayOfAction.disputes.through.objects.filter(dispute=dispute).values("dayofaction_id")
    hosting = Event.objects.filter(
        disputes=dispute, published_at__isnull=False, day_of_action__isnull=False
    ).values("day_of_action_id")
    titles = sorted(
        set(
            DayOfAction.objects.filter(published_at__isnull=False)
            .filter(Q(pk__in=named) | Q(pk__in=hosting))
            .values_list("title", flat=True)
        )
    )
    if not titles:
        return None
    sentence = ngettext(
        "Part of the day of action %(titles)s.",
        "Part of the days of action %(titles)s.",
        len(titles),
    )
    # Each title isolated (<bdi>): a title in another script keeps its quotation marks around it.
    quoted = format_html_join(", ", "“<bdi>{}</bdi>”", ((title,) for title in titles))
    return mark_safe(escape(sentence) % {"titles": quoted})  # both parts are escaped


def register() -> None:
    from picketline.events.days.moderation import DayOfActionHandler
    from picketline.moderation.registry import moderation_register
    from picketline.solidarity.levels.checks import level_check_register

    # It reads days of action and their disputes, which move the events' data version.
    level_check_register(3, part_of_day_of_action, versions=("events",))
    moderation_register(DayOfActionHandler())
