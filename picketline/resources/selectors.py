"""Reading the library: whose resources (an organisation's or a campaign's), who may manage
them (the organisation's account holders or the campaign's coordinators, and moderators), and
what each reader sees: public resources for everyone, the others for those who manage them
only; to anyone else a resource they may not see does not exist (404, never 403).

A document in several languages is shown as one `Document`: the resource leading the group and
its translations, one per language."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from picketline.accounts.roles import is_moderator
from picketline.campaigns.models import Campaign
from picketline.organisations.models import Organisation
from picketline.resources.models import Resource, Visibility

ORGANISATION = "organisation"
CAMPAIGN = "campaign"
OWNER_KINDS = (ORGANISATION, CAMPAIGN)
# How many documents the section on an organisation's or a campaign's page shows.
SECTION_LIMIT = 4


def owner_kind(owner) -> str:
    return ORGANISATION if isinstance(owner, Organisation) else CAMPAIGN


def library_url(owner) -> str:
    return reverse(f"resources:{owner_kind(owner)}_library", kwargs={"slug": owner.slug})


def owner_get_public(*, kind: str, slug: str):
    """The organisation or the campaign whose library this is; 404 when there is none."""
    if kind == ORGANISATION:
        return get_object_or_404(Organisation.objects.all(), slug=slug)
    if kind == CAMPAIGN:
        return get_object_or_404(Campaign.objects.all(), slug=slug)
    raise Http404(_("Resources belong to an organisation or a campaign."))


def user_manages_owner(user, owner) -> bool:
    """The organisation's account holders or the campaign's coordinators, and moderators."""
    if not user.is_authenticated or not user.is_active:
        return False
    return owner.coordinators.filter(pk=user.pk).exists() or is_moderator(user)


def owner_get_for_user(*, user, kind: str, slug: str):
    """The one door to a library someone changes: 404 when there is no such owner, 403 unless
    they manage it."""
    owner = owner_get_public(kind=kind, slug=slug)
    if not user_manages_owner(user, owner):
        raise PermissionDenied
    return owner


def _of(owner) -> Q:
    return Q(organisation=owner) if owner_kind(owner) == ORGANISATION else Q(campaign=owner)


def resources_of(owner, *, include_private: bool = False) -> QuerySet[Resource]:
    resources = Resource.objects.filter(_of(owner))
    if not include_private:
        resources = resources.filter(visibility=Visibility.PUBLIC)
    return resources


def resource_get_for_manager(*, user, owner, pk: int) -> Resource:
    """A resource of `owner` for someone who manages it (the caller checked that through
    `owner_get_for_user`); 404 when the owner has no such resource."""
    if not user_manages_owner(user, owner):
        raise PermissionDenied
    return get_object_or_404(resources_of(owner, include_private=True), pk=pk)


def resource_get_for_user(*, user, pk: int) -> Resource:
    """A resource a reader may see, for its file: 404 when there is none, and when it is not
    public and they do not manage its organisation or campaign."""
    resource = (
        Resource.objects.select_related("organisation", "campaign")
        .exclude(file="")
        .filter(pk=pk)
        .first()
    )
    if resource is None or not (resource.is_public or user_manages_owner(user, resource.owner)):
        raise Http404(_("There is no resource at this address."))
    return resource


@dataclass(frozen=True)
class Document:
    """One document in every language it has: `shown` is the version in the reader's chosen
    language (or the first), `versions` every language, in the order of the content
    languages."""

    shown: Resource
    versions: list[Resource]

    @property
    def key(self) -> int:
        return self.shown.group_id


def _language_order() -> dict[str, int]:
    from django.conf import settings

    return {code: n for n, (code, _name) in enumerate(settings.CONTENT_LANGUAGES)}


def documents(resources, *, language: str = "", prefer: str = "") -> list[Document]:
    """Groups `resources` (newest first) by document. With `language`, only documents that
    have it, shown in it; otherwise each is shown in `prefer` when it has it, else in the
    language it was first uploaded in. Documents stay in the order of their newest version."""
    groups: dict[int, list[Resource]] = {}
    for resource in resources:
        groups.setdefault(resource.group_id, []).append(resource)
    order = _language_order()
    found = []
    for versions in groups.values():
        versions.sort(key=lambda r: (order.get(r.language, len(order)), r.pk))
        by_language = {r.language: r for r in versions}
        if language:
            if language not in by_language:
                continue
            shown = by_language[language]
        else:
            lead = next((r for r in versions if r.translation_of_id is None), versions[0])
            shown = by_language.get(prefer, lead)
        found.append(Document(shown=shown, versions=versions))
    return found


def library(
    owner, *, include_private: bool, language: str = "", kind: str = "", prefer: str = ""
) -> list[Document]:
    """The documents of an organisation's or a campaign's library a reader sees, filtered by
    language and kind."""
    resources = resources_of(owner, include_private=include_private)
    if kind:
        resources = resources.filter(kind=kind)
    return documents(resources.order_by("-created_at", "-id"), language=language, prefer=prefer)


def latest_public(owner, *, limit: int = SECTION_LIMIT) -> list[Document]:
    """The newest public documents of an organisation or a campaign, for the section on its
    page (one query)."""
    resources = resources_of(owner).order_by("-created_at", "-id")
    # Enough rows for `limit` documents in several languages each, however large the library.
    return documents(resources[: limit * 12])[:limit]


def group_leads(owner, *, exclude: Resource | None = None) -> QuerySet[Resource]:
    """The documents a new resource may be a translation of: the resources of the same owner
    that lead their group."""
    leads = resources_of(owner, include_private=True).filter(translation_of__isnull=True)
    if exclude is not None and exclude.pk:
        leads = leads.exclude(pk=exclude.pk)
    return leads.order_by("title", "id")


def user_uploads(user) -> QuerySet[Resource]:
    return (
        Resource.objects.filter(uploaded_by=user)
        .select_related("organisation", "campaign")
        .order_by("created_at", "id")
    )
