"""Reads of organisations: the public list and page, and for their organisers (account
holders) and moderators. `organisation_get_for_user` is the one permission door: the pages
that change an organisation load it through it."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from picketline.accounts.roles import is_moderator
from picketline.organisations.models import (
    Organisation,
    OrganisationDemand,
    OrganisationDemandTranslation,
)

# Employers are named on disputes but are not groups people belong to: the public list leaves
# them out unless asked for by kind.
GROUP_KINDS = [kind for kind in Organisation.Kind.values if kind != Organisation.Kind.EMPLOYER]


def organisations_listed(*, kind: str = "", country: str = "", q: str = "") -> QuerySet:
    """The public list: groups people belong to (employers only when `kind` asks for them),
    in name order, with their number of chapters."""
    organisations = (
        Organisation.objects.filter(kind=kind)
        if kind
        else (Organisation.objects.filter(kind__in=GROUP_KINDS))
    )
    if country:
        organisations = organisations.filter(country=country)
    for word in q.split():
        organisations = organisations.filter(Q(name__icontains=word) | Q(summary__icontains=word))
    return (
        organisations.select_related("parent")
        .annotate(chapter_count=Count("chapters", distinct=True))
        .order_by("name", "id")
    )


def organisation_countries() -> list[str]:
    """Countries of the organisations in the public list, for its menu."""
    return sorted(
        set(
            Organisation.objects.filter(kind__in=GROUP_KINDS)
            .exclude(country="")
            .values_list("country", flat=True)
        )
    )


def organisation_get_public(*, slug: str) -> Organisation:
    return get_object_or_404(Organisation.objects.select_related("parent"), slug=slug)


def demands_with_translations(organisation: Organisation) -> list[OrganisationDemand]:
    return list(
        organisation.demands.prefetch_related(
            Prefetch("translations", queryset=OrganisationDemandTranslation.objects.all())
        )
    )


@dataclass(frozen=True)
class DemandText:
    text: str
    language: str  # the language `text` is in: the reader's, or the demand's own
    translated: bool


def demand_text(demand: OrganisationDemand, language: str) -> DemandText:
    """The demand in `language` when it has been written or translated into it ("es-ar" takes
    "es"), else as it was written."""
    wanted = [language, language.split("-")[0]]
    if demand.language in wanted:
        return DemandText(demand.text, demand.language, False)
    translations = {t.language: t.text for t in demand.translations.all()}
    for code in wanted:
        if code in translations:
            return DemandText(translations[code], code, True)
    return DemandText(demand.text, demand.language, False)


def organisation_demands(organisation: Organisation, *, language: str) -> list[DemandText]:
    """The platform in the reader's language, falling back demand by demand (two queries)."""
    return [demand_text(d, language) for d in demands_with_translations(organisation)]


def user_holds_organisation(user, organisation: Organisation) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return organisation.coordinators.filter(pk=user.pk).exists()


def organisation_get_for_user(*, user, slug: str) -> Organisation:
    """An organisation for its account holders and for moderators; PermissionDenied otherwise."""
    organisation = Organisation.objects.filter(slug=slug).select_related("verified_by").first()
    if organisation is None:
        raise Http404(_("There is no organisation at this address."))
    if not (user_holds_organisation(user, organisation) or is_moderator(user)):
        raise PermissionDenied
    return organisation


def unions_for_moderators(*, q: str = "", verified: bool | None = None) -> QuerySet:
    unions = Organisation.objects.filter(kind=Organisation.Kind.UNION).annotate(
        holder_count=Count("coordinators", distinct=True)
    )
    for word in q.split():
        unions = unions.filter(name__icontains=word)
    if verified is not None:
        unions = unions.filter(verified_at__isnull=not verified)
    return unions.order_by("name", "id")
