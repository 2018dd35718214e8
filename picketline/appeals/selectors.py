"""Reading appeals: the public page (counts by country, the targets' names when shown), the
appeals of a campaign or a dispute, the one door the coordinators use, and the confirmed
signatures their export reads. No selector here returns an address to a public caller."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from picketline.accounts.roles import is_moderator
from picketline.appeals.models import Appeal, Signature, SignatureStatus, Target
from picketline.core.confirm_links import confirm_link_find


def _by_key(queryset: QuerySet, key: str) -> Appeal:
    """An appeal by its number or its slug; 404 when there is none."""
    lookup = {"pk": int(key)} if key.isascii() and key.isdigit() else {"slug": key}
    appeal = queryset.filter(**lookup).first()
    if appeal is None:
        raise Http404(_("There is no appeal at this address."))
    return appeal


def _public_queryset() -> QuerySet:
    return Appeal.objects.select_related("campaign", "dispute")


def appeal_get_public(*, key: str) -> Appeal:
    return _by_key(_public_queryset(), str(key))


def appeal_is_open(appeal: Appeal, *, now=None) -> bool:
    now = now or timezone.now()
    return appeal.opens_at <= now < appeal.closes_at


def user_can_manage_appeal(user, appeal: Appeal) -> bool:
    """The coordinators of the appeal's campaign or dispute, and moderators."""
    if not user.is_authenticated or not user.is_active:
        return False
    owner = appeal.campaign if appeal.campaign_id else appeal.dispute
    return owner.coordinators.filter(pk=user.pk).exists() or is_moderator(user)


def appeal_get_for_user(*, user, key: str) -> Appeal:
    """The one door to an appeal someone manages: 404 when there is none, 403 unless they
    coordinate its campaign or dispute, or moderate the site."""
    appeal = _by_key(Appeal.objects.select_related("campaign", "dispute"), str(key))
    if not user_can_manage_appeal(user, appeal):
        raise PermissionDenied
    return appeal


def user_can_publish_for(user, owner) -> bool:
    """Whether `user` may publish an appeal for this campaign or dispute."""
    if not user.is_authenticated or not user.is_active:
        return False
    return owner.coordinators.filter(pk=user.pk).exists() or is_moderator(user)


def user_manages_appeals(user) -> bool:
    """Whether anything the user coordinates has an appeal: they see supporters' names and
    addresses, so they need two factors."""
    return Appeal.objects.filter(
        Q(campaign__coordinators=user) | Q(dispute__coordinators=user)
    ).exists()


@dataclass(frozen=True)
class CountryCount:
    code: str
    signatures: int


@dataclass(frozen=True)
class Counts:
    total: int
    countries: list[CountryCount]


def signature_counts(appeal: Appeal) -> Counts:
    """Confirmed signatures by country, most first (one query)."""
    rows = (
        Signature.objects.filter(appeal=appeal, status=SignatureStatus.CONFIRMED)
        .values("country")
        .annotate(n=Count("id"))
        .order_by("-n", "country")
    )
    countries = [CountryCount(code=row["country"], signatures=row["n"]) for row in rows]
    return Counts(total=sum(c.signatures for c in countries), countries=countries)


def targets_public(appeal: Appeal) -> list[dict]:
    """The targets' names, roles and organisations when the coordinators show them; else
    nothing. Never their addresses."""
    if not appeal.show_targets:
        return []
    return list(
        Target.objects.filter(appeal=appeal).order_by("id").values("name", "role", "organisation")
    )


def targets_for_coordinators(appeal: Appeal) -> QuerySet:
    return (
        Target.objects.filter(appeal=appeal)
        .annotate(
            sent=Count("deliveries", filter=Q(deliveries__status="sent")),
            waiting=Count("deliveries", filter=Q(deliveries__status="pending")),
            failed=Count("deliveries", filter=Q(deliveries__status="failed")),
        )
        .order_by("id")
    )


def signatures_confirmed(appeal: Appeal) -> QuerySet:
    """Confirmed signatures in the order they were confirmed (for the coordinators' export)."""
    return (
        Signature.objects.filter(appeal=appeal, status=SignatureStatus.CONFIRMED)
        .only("name", "email", "country", "paragraph", "confirmed_at")
        .order_by("confirmed_at", "id")
    )


def appeals_of(*, campaign=None, dispute=None) -> list[Appeal]:
    """A campaign's or a dispute's appeals, each with its count of confirmed signatures (one
    query), the open ones first."""
    queryset = (
        Appeal.objects.filter(campaign=campaign)
        if campaign
        else Appeal.objects.filter(dispute=dispute)
    )
    return list(
        queryset.only("id", "slug", "title", "mode", "opens_at", "closes_at", "language")
        .annotate(
            signed=Count("signatures", filter=Q(signatures__status=SignatureStatus.CONFIRMED))
        )
        .order_by("-closes_at", "-id")
    )


def signature_get_by_confirm_token(*, raw: str) -> Signature | None:
    return confirm_link_find(Signature.objects.select_related("appeal"), raw=raw)
