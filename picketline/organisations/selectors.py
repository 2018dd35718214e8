"""Reads for unions' account holders and moderators. `organisation_get_for_user` is the one
permission door: the pages load an organisation through it."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from picketline.accounts.roles import is_moderator
from picketline.organisations.models import Organisation


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
