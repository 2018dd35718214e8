"""Reads of chapters: the nearest ones to a point, one chapter's public page, the doors
through which organisers load a chapter or a request to change it, and the points of the
organisation's map."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from picketline.accounts.roles import is_moderator
from picketline.core.geo import bounding_box, distance_km_expression
from picketline.organisations.chapters.models import Chapter, ChapterRequest
from picketline.organisations.models import Organisation
from picketline.organisations.selectors import user_holds_organisation


def chapters_of(organisation: Organisation) -> QuerySet[Chapter]:
    """An organisation's chapters in name order."""
    return organisation.chapters.select_related("organisation").order_by("name", "id")


def chapters_near(*, organisation: Organisation, lat: float, lon: float, radius_km: float):
    """The organisation's chapters within radius_km of a point, annotated with `distance_km`,
    nearest first. A bounding box on the indexed point narrows the rows before the distance."""
    box = bounding_box(lat, lon, radius_km)
    in_box = Q(latitude__gte=box.min_lat, latitude__lte=box.max_lat)
    if box.crosses_antimeridian:
        in_box &= Q(longitude__gte=box.min_lon) | Q(longitude__lte=box.max_lon)
    elif (box.min_lon, box.max_lon) != (-180.0, 180.0):
        in_box &= Q(longitude__gte=box.min_lon, longitude__lte=box.max_lon)
    return (
        organisation.chapters.select_related("organisation")
        .filter(in_box)
        .annotate(distance_km=distance_km_expression(lat, lon, "latitude", "longitude"))
        .filter(distance_km__lte=radius_km)
        .order_by("distance_km", "id")
    )


def chapter_nearest(*, organisation: Organisation, lat: float, lon: float) -> Chapter | None:
    """The organisation's nearest chapter anywhere, with `distance_km`; None when it has none."""
    return (
        organisation.chapters.annotate(
            distance_km=distance_km_expression(lat, lon, "latitude", "longitude")
        )
        .order_by("distance_km", "id")
        .first()
    )


def chapter_get_public(*, organisation: Organisation, slug: str) -> Chapter:
    chapter = organisation.chapters.filter(slug=slug).first()
    if chapter is None:
        raise Http404(_("This organisation has no chapter at this address."))
    return chapter


def user_organises_chapter(user, chapter: Chapter) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return chapter.organisers.filter(pk=user.pk).exists()


def chapter_get_for_user(*, user, organisation_slug: str, slug: str) -> Chapter:
    """A chapter for its organisers, its organisation's organisers and moderators;
    PermissionDenied for anyone else."""
    chapter = (
        Chapter.objects.select_related("organisation")
        .filter(organisation__slug=organisation_slug, slug=slug)
        .first()
    )
    if chapter is None:
        raise Http404(_("This organisation has no chapter at this address."))
    if not (
        user_organises_chapter(user, chapter)
        or user_holds_organisation(user, chapter.organisation)
        or is_moderator(user)
    ):
        raise PermissionDenied
    return chapter


def chapter_requests_pending(organisation: Organisation) -> QuerySet[ChapterRequest]:
    return organisation.chapter_requests.filter(status=ChapterRequest.Status.PENDING).order_by(
        "created_at", "id"
    )


def chapter_requests_decided(organisation: Organisation) -> QuerySet[ChapterRequest]:
    return (
        organisation.chapter_requests.exclude(status=ChapterRequest.Status.PENDING)
        .select_related("chapter")
        .order_by("-decided_at", "-id")
    )


def chapter_points(organisation: Organisation) -> list[dict]:
    """The organisation's chapters for its map: name, place and link; nobody's details."""
    return [
        {
            "name": chapter.name,
            "place": chapter.place_name,
            "lat": chapter.latitude,
            "lon": chapter.longitude,
            "url": chapter.get_absolute_url(),
        }
        for chapter in chapters_of(organisation)
    ]
