"""What membership adds to organisations' and chapters' public pages, through
`organisations.hooks`: a join button and a link to the membership drive under the
organisation's name, "join this chapter" on a chapter's page, and the number of members
beside the number of chapters. Counts only: no page here ever names a member."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import ngettext

from picketline.membership.members.selectors import (
    membership_public_counts,
    organisation_joinable,
)


def join_actions(request, organisation) -> dict | None:
    if not organisation_joinable(organisation):
        return None
    return {
        "join_url": reverse("membership:join", kwargs={"slug": organisation.slug}),
        "drive_url": reverse("membership:drive", kwargs={"slug": organisation.slug}),
    }


def join_chapter_action(request, chapter) -> dict | None:
    organisation = chapter.organisation
    if not organisation_joinable(organisation):
        return None
    url = reverse("membership:join", kwargs={"slug": organisation.slug})
    return {"join_url": f"{url}?{urlencode({'chapter': chapter.slug})}"}


def member_count(organisation) -> int | None:
    if not organisation_joinable(organisation):
        return None
    return membership_public_counts(organisation=organisation)["members"]


def member_count_label(n: int) -> str:
    return ngettext("Member", "Members", n)
