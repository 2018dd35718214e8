"""Reads of memberships, each behind the one permission door: `membership_access_for` says
what a user may see of an organisation's members, and every roster read takes that access.

- an organisation's admins (its account holders, `Organisation.coordinators`) see every
  member, with contact details;
- a chapter's organisers see the members of the chapters they organise, and no one else;
- a treasurer sees every member's name, reference and dues, never their contact details;
- anyone else sees nothing but public counts (`membership_public_counts`).
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from picketline.core.geo import haversine_km
from picketline.core.tokens import keyed_token, token_hash, token_plausible
from picketline.membership.dues.models import DuesEntry, MembershipSettings
from picketline.membership.dues.standing import (
    DEFAULT_GRACE_PERIODS,
    local_date,
    standing_annotate,
)
from picketline.membership.members.models import Membership, MembershipStatus, Treasurer
from picketline.organisations.models import Organisation

TOKEN_PURPOSE = "membership"
# A member's reference, as bank transfers carry it: "M123".
_REFERENCE = re.compile(r"[Mm]\d{1,12}")


@dataclass(frozen=True)
class MembershipAccess:
    organisation: Organisation
    is_admin: bool = False
    is_treasurer: bool = False
    chapter_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def sees_roster(self) -> bool:
        """Names with contact details, for some or all members."""
        return self.is_admin or bool(self.chapter_ids)

    @property
    def sees_dues(self) -> bool:
        return self.sees_roster or self.is_treasurer

    @property
    def sees_everyone(self) -> bool:
        return self.is_admin or self.is_treasurer

    @property
    def keeps_dues(self) -> bool:
        """Sets up plans and reconciles bank statements for the whole organisation."""
        return self.is_admin or self.is_treasurer

    def members(self) -> QuerySet:
        """The memberships this access may see at all."""
        memberships = Membership.objects.filter(organisation=self.organisation)
        if self.sees_everyone:
            return memberships
        if self.chapter_ids:
            return memberships.filter(chapter_id__in=self.chapter_ids)
        return memberships.none()


def membership_access_for(*, user, organisation: Organisation) -> MembershipAccess:
    if not user.is_authenticated or not user.is_active:
        return MembershipAccess(organisation=organisation)
    return MembershipAccess(
        organisation=organisation,
        is_admin=organisation.coordinators.filter(pk=user.pk).exists(),
        is_treasurer=Treasurer.objects.filter(organisation=organisation, user=user).exists(),
        chapter_ids=frozenset(
            organisation.chapters.filter(organisers=user).values_list("pk", flat=True)
        ),
    )


def organisation_get(*, key: str) -> Organisation:
    """An organisation by slug (or id, for the API); 404 otherwise."""
    organisation = None
    if key.isascii() and key.isdigit():
        organisation = Organisation.objects.filter(pk=int(key)).first()
    organisation = organisation or Organisation.objects.filter(slug=key).first()
    if organisation is None:
        raise Http404(_("There is no organisation at this address."))
    return organisation


def organisation_joinable(organisation: Organisation) -> bool:
    """Whether people can join this organisation: any group of people (a union, a branch, a
    network, a committee), never an employer, which is on Picketline only as the other side
    of a dispute."""
    return not organisation.is_employer


def organisation_get_joinable(*, key: str) -> Organisation:
    """An organisation people can join, by slug (or id); 404 otherwise, employers too."""
    organisation = organisation_get(key=key)
    if not organisation_joinable(organisation):
        raise Http404(_("People cannot join this organisation on Picketline."))
    return organisation


def members_access_get_for_user(*, user, key: str, need: str = "roster") -> MembershipAccess:
    """The one door of the members' pages: the organisation and what `user` may see of its
    members, or PermissionDenied when `need` ("roster", "dues", "keep_dues") is not met."""
    access = membership_access_for(user=user, organisation=organisation_get(key=key))
    allowed = {
        "roster": access.sees_roster,
        "dues": access.sees_dues,
        "keep_dues": access.keeps_dues,
    }[need]
    if not allowed:
        raise PermissionDenied
    return access


def membership_get_for_access(*, access: MembershipAccess, pk: int) -> Membership:
    membership = (
        access.members().select_related("chapter", "plan", "organisation").filter(pk=pk).first()
    )
    if membership is None:
        raise Http404(_("There is no such member."))
    return membership


def membership_settings_for(organisation: Organisation) -> MembershipSettings:
    """The organisation's settings, or the defaults when it has never saved any."""
    found = MembershipSettings.objects.filter(organisation=organisation).first()
    return found or MembershipSettings(
        organisation=organisation, grace_periods=DEFAULT_GRACE_PERIODS
    )


def as_of_date(organisation: Organisation, moment: dt.datetime | None = None) -> dt.date:
    settings = membership_settings_for(organisation)
    return local_date(moment or timezone.now(), settings.timezone)


@dataclass(frozen=True)
class RosterFilters:
    chapter: int | None = None
    standing: str = ""
    status: str = MembershipStatus.ACTIVE
    q: str = ""


def roster(
    *, access: MembershipAccess, filters: RosterFilters, as_of: dt.date | None = None
) -> QuerySet:
    """The members `access` may see, filtered, each with its standing as of `as_of` (today
    on the organisation's clock), in name order. One query, however many members."""
    organisation = access.organisation
    settings = membership_settings_for(organisation)
    as_of = as_of or local_date(timezone.now(), settings.timezone)
    members = access.members().filter(status=filters.status or MembershipStatus.ACTIVE)
    if filters.chapter is not None:
        members = members.filter(chapter_id=filters.chapter)
    query = filters.q.strip()
    if _REFERENCE.fullmatch(query):
        members = members.filter(pk=int(query[1:]))
    else:
        for word in query.split():
            members = members.filter(Q(name__icontains=word) | Q(email__icontains=word))
    members = standing_annotate(
        members.select_related("chapter", "plan"),
        as_of=as_of,
        grace_periods=settings.grace_periods,
    )
    if filters.standing:
        members = members.filter(standing=filters.standing)
    return members.order_by("name", "id")


def roster_page(*, access: MembershipAccess, filters: RosterFilters, number, size: int) -> Page:
    """One page of the roster. The page is chosen on the members' ids alone, so the last page
    costs what the first does; standing is then worked out for that page's members only (and
    for everyone only to filter by it)."""
    members = roster(access=access, filters=filters)
    page = Paginator(members.values_list("pk", flat=True), size).get_page(number)
    ids = list(page.object_list)
    rows = members.in_bulk(ids)
    page.object_list = [rows[pk] for pk in ids if pk in rows]
    return page


def roster_chapters(access: MembershipAccess) -> QuerySet:
    chapters = access.organisation.chapters.all()
    if not access.sees_everyone:
        chapters = chapters.filter(pk__in=access.chapter_ids)
    return chapters.order_by("name")


def membership_standing(membership: Membership, *, as_of: dt.date | None = None):
    """One member annotated with standing (for their own page and the member's page)."""
    organisation = membership.organisation
    settings = membership_settings_for(organisation)
    as_of = as_of or local_date(timezone.now(), settings.timezone)
    return standing_annotate(
        Membership.objects.filter(pk=membership.pk).select_related(
            "plan", "chapter", "organisation"
        ),
        as_of=as_of,
        grace_periods=settings.grace_periods,
    ).get()


# --- private links ---------------------------------------------------------------------------


def membership_token(membership: Membership) -> str:
    """The token in the link to a member's own page (standing, paying, leaving)."""
    return keyed_token(TOKEN_PURPOSE, membership.token_nonce)


def membership_get_by_token(*, raw: str) -> Membership | None:
    if not token_plausible(raw):
        return None
    return (
        Membership.objects.select_related("organisation", "chapter", "plan")
        .filter(token_hash=token_hash(raw))
        .first()
    )


def membership_get_by_confirm_token(*, raw: str) -> Membership | None:
    if not token_plausible(raw):
        return None
    return (
        Membership.objects.select_related("organisation", "chapter", "plan")
        .filter(confirm_token_hash=token_hash(raw))
        .first()
    )


def memberships_of_user(*, user) -> QuerySet:
    return (
        Membership.objects.filter(user=user)
        .exclude(status=MembershipStatus.LEFT)
        .select_related("organisation", "chapter", "plan")
        .order_by("organisation__name")
    )


# --- public counts ---------------------------------------------------------------------------


def membership_public_counts(*, organisation: Organisation) -> dict:
    """Counts anyone may see: members, and members by chapter. Never a name.

    {"members": 120, "chapters": [{"id": 3, "name": "Leeds", "slug": "leeds", "members": 40}]}
    """
    active = Membership.objects.filter(organisation=organisation, status=MembershipStatus.ACTIVE)
    chapters = organisation.chapters.annotate(
        members=Count("memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE))
    ).order_by("name")
    return {
        "members": active.count(),
        "chapters": [
            {"id": c.pk, "name": c.name, "slug": c.slug, "members": c.members} for c in chapters
        ],
    }


def membership_joins_by_week(*, organisation: Organisation, weeks: int = 12) -> list[dict]:
    """Members who joined (and are still members) each week, for the last `weeks` weeks,
    oldest first, with the empty weeks too."""
    today = timezone.localdate()
    first = today - dt.timedelta(weeks=weeks - 1)
    first = first - dt.timedelta(days=first.weekday())
    rows = (
        Membership.objects.filter(
            organisation=organisation,
            status=MembershipStatus.ACTIVE,
            joined_at__date__gte=first,
        )
        .annotate(week=TruncWeek("joined_at"))
        .values("week")
        .annotate(joins=Count("id"))
    )
    counts = {
        row["week"].date() if hasattr(row["week"], "date") else row["week"]: row["joins"]
        for row in rows
    }
    return [
        {
            "week": first + dt.timedelta(weeks=n),
            "joins": counts.get(first + dt.timedelta(weeks=n), 0),
        }
        for n in range(weeks)
    ]


def chapter_of(*, organisation: Organisation, slug: str | None):
    """One of the organisation's chapters by slug, or None (no slug, or not one of its)."""
    if not slug:
        return None
    return organisation.chapters.filter(slug=slug).first()


# --- chapters near a place -------------------------------------------------------------------


def chapter_nearest(*, organisation: Organisation, latitude: float, longitude: float):
    """The organisation's chapter nearest to a point among those whose area holds it, with
    its distance in km; (None, None) when no chapter's area reaches the point."""
    best, best_km = None, None
    for chapter in organisation.chapters.only(
        "pk", "name", "slug", "latitude", "longitude", "area_km", "organisation_id"
    ):
        km = haversine_km(latitude, longitude, chapter.latitude, chapter.longitude)
        if km <= chapter.area_km and (best_km is None or km < best_km):
            best, best_km = chapter, km
    return best, best_km


# --- one person's own data -------------------------------------------------------------------


def memberships_of_person(*, user, email: str | None) -> QuerySet:
    """Every membership of the person: made with their account, or with their confirmed
    address (compared without regard to case), whatever its status."""
    mine = Q(user=user) if user is not None else Q(pk__in=[])
    if email:
        mine |= Q(email__iexact=email)
    return (
        Membership.objects.filter(mine)
        .select_related("organisation", "chapter", "plan")
        .order_by("organisation__name", "id")
    )


def membership_export(membership: Membership) -> dict:
    """One membership as the member may take it away."""
    plan = membership.plan
    return {
        "organisation": membership.organisation.name,
        "reference": membership.reference,
        "chapter": membership.chapter.name if membership.chapter else "",
        "name": membership.name,
        "email": membership.email,
        "place": membership.place_name,
        "plan": plan.name if plan else "",
        "dues_chosen_minor": membership.amount_minor,
        "status": membership.status,
        "source": membership.source,
        "language": membership.language,
        "asked_at": membership.created_at,
        "agreed_at": membership.agreed_at,
        "joined_at": membership.joined_at,
        "dues_from": membership.dues_start,
        "left_at": membership.left_at,
    }


def dues_entries_export(memberships) -> list[dict]:
    return [
        {
            "organisation": entry.membership.organisation.name,
            "reference": entry.membership.reference,
            "date": entry.date,
            "method": entry.method,
            "amount_minor": entry.amount_minor,
            "currency": entry.currency,
            "note": entry.note,
            "reason": entry.reason,
            "recorded_at": entry.created_at,
        }
        for entry in DuesEntry.objects.filter(membership__in=memberships)
        .select_related("membership__organisation")
        .order_by("membership_id", "date", "id")
    ]
