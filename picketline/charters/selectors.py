"""Reading charters: the public list and page, a version's text in the reader's language (or
the original, with the reason), the endorsement counts, and the one door editors use."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from picketline.accounts.roles import is_moderator
from picketline.charters.models import (
    Charter,
    CharterTranslation,
    CharterVersion,
    Endorsement,
    EndorsementStatus,
    EndorserKind,
    TranslationStatus,
)
from picketline.core.confirm_links import confirm_link_find
from picketline.core.i18n import content_language_name, content_languages, is_right_to_left

# How many named endorsers a charter's page lists (the counts cover everyone).
ENDORSERS_SHOWN = 60


def charters_listed() -> QuerySet:
    """Every charter, with its latest version's number and its counted endorsements."""
    return (
        Charter.objects.select_related("organisation")
        .annotate(
            latest_version=Max("versions__number"),
            endorsement_count=Count(
                "endorsements",
                filter=Q(endorsements__status=EndorsementStatus.COUNTED),
                distinct=True,
            ),
        )
        .order_by("title", "id")
    )


def charter_get_public(*, slug: str) -> Charter:
    return get_object_or_404(Charter.objects.select_related("organisation"), slug=slug)


def charter_versions(charter: Charter) -> list[CharterVersion]:
    """The charter's versions, latest first, each with its translations (two queries)."""
    return list(
        charter.versions.order_by("-number").prefetch_related(
            Prefetch("translations", queryset=CharterTranslation.objects.order_by("language"))
        )
    )


@dataclass(frozen=True)
class LanguageText:
    """A version's title and text in one language, as a page or the API shows it."""

    language: str
    title: str
    text: str
    # "original", "approved" or "draft"
    status: str
    reviewer_name: str = ""
    reviewed_at: object = None

    @property
    def name(self) -> str:
        return content_language_name(self.language)

    @property
    def direction(self) -> str:
        return "rtl" if is_right_to_left(self.language) else "ltr"

    @property
    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.text.split("\n\n") if part.strip()]


@dataclass(frozen=True)
class Shown:
    """What a reader who asked for `wanted` is shown beside the original: the translation when
    it is approved; else the original, with `note` saying why (and a draft, when there is one,
    offered separately)."""

    wanted: str
    original: LanguageText
    text: LanguageText
    draft: LanguageText | None
    note: str

    @property
    def is_fallback(self) -> bool:
        return bool(self.note)

    @property
    def side_by_side(self) -> bool:
        return self.text.language != self.original.language


def version_original(charter: Charter, version: CharterVersion) -> LanguageText:
    return LanguageText(charter.language, version.title, version.text, "original")


def translation_text(translation: CharterTranslation) -> LanguageText:
    return LanguageText(
        translation.language,
        translation.title,
        translation.text,
        translation.status,
        translation.reviewer_name if translation.status == TranslationStatus.APPROVED else "",
        translation.reviewed_at if translation.status == TranslationStatus.APPROVED else None,
    )


def version_in_language(charter: Charter, version: CharterVersion, language: str) -> Shown:
    """The version for a reader of `language`, from its prefetched translations: the approved
    translation; else the original with a note (no translation yet, or only a draft)."""
    original = version_original(charter, version)
    if language == charter.language:
        return Shown(language, original, original, None, "")
    translation = next((t for t in version.translations.all() if t.language == language), None)
    name = content_language_name(language)
    if translation is None:
        note = _("There is no translation into %(language)s yet: the original is shown.")
        return Shown(language, original, original, None, note % {"language": name})
    if translation.status != TranslationStatus.APPROVED:
        note = _(
            "The translation into %(language)s is a draft that no reviewer has approved yet: "
            "the original is shown, and the draft below it."
        )
        return Shown(
            language, original, original, translation_text(translation), note % {"language": name}
        )
    return Shown(language, original, translation_text(translation), None, "")


def language_pick(charter: Charter, version: CharterVersion | None, preferred: list[str]) -> str:
    """The reader's language for this charter: the first of `preferred` the version is written
    or approved in; else their first choice (the page then says why it shows the original);
    else the charter's own language."""
    if version is None:
        return charter.language
    approved = {
        t.language for t in version.translations.all() if t.status == TranslationStatus.APPROVED
    }
    for code in preferred:
        if code == charter.language or code in approved:
            return code
    return preferred[0] if preferred else charter.language


def language_statuses(charter: Charter, version: CharterVersion | None) -> list[dict]:
    """Every content language with the version's status in it: original, approved, draft or
    missing (for the page's list of languages)."""
    statuses = {t.language: t.status for t in version.translations.all()} if version else {}
    rows = []
    for code, name in content_languages():
        status = "original" if code == charter.language else statuses.get(code, "missing")
        rows.append({"code": code, "name": name, "status": status, "rtl": is_right_to_left(code)})
    return rows


# --- endorsements ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CountryCount:
    code: str
    people: int
    organisations: int

    @property
    def total(self) -> int:
        return self.people + self.organisations


@dataclass(frozen=True)
class EndorsementCounts:
    people: int
    organisations: int
    countries: list[CountryCount]


def endorsement_counts(charter: Charter) -> EndorsementCounts:
    """Counted endorsements by country and kind, in one query; most endorsed countries first."""
    rows = (
        Endorsement.objects.filter(charter=charter, status=EndorsementStatus.COUNTED)
        .values("country", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_country: dict[str, dict[str, int]] = {}
    for row in rows:
        by_country.setdefault(row["country"], {})[row["kind"]] = row["n"]
    countries = [
        CountryCount(
            code, kinds.get(EndorserKind.PERSON, 0), kinds.get(EndorserKind.ORGANISATION, 0)
        )
        for code, kinds in by_country.items()
    ]
    countries.sort(key=lambda c: (-c.total, c.code))
    return EndorsementCounts(
        people=sum(c.people for c in countries),
        organisations=sum(c.organisations for c in countries),
        countries=countries,
    )


def endorsers_public(charter: Charter, *, limit: int = ENDORSERS_SHOWN) -> list[dict]:
    """Counted endorsers who may be named (verified organisations, people who chose it),
    latest first: name, kind and country only."""
    return list(
        Endorsement.objects.filter(
            charter=charter, status=EndorsementStatus.COUNTED, show_name=True
        )
        .order_by("-counted_at", "-id")
        .values("name", "kind", "country")[:limit]
    )


def country_points(codes: list[str]) -> dict[str, tuple[float, float]]:
    """Where to put each country on the map (its capital, from the gazetteer), in one query;
    countries the gazetteer lacks are left out (the table still lists them)."""
    from picketline.places.models import Country

    if not codes:
        return {}
    return {
        code: (lat, lon)
        for code, lat, lon in Country.objects.filter(code__in=codes).values_list(
            "code", "latitude", "longitude"
        )
    }


def endorsement_get_by_confirm_token(*, raw: str) -> Endorsement | None:
    return confirm_link_find(Endorsement.objects.select_related("charter"), raw=raw)


# --- editors -------------------------------------------------------------------------------


def user_edits_charter(user, charter: Charter) -> bool:
    """The owning organisation's organisers (its account holders), moderators and admins."""
    if not user.is_authenticated or not user.is_active:
        return False
    if is_moderator(user):
        return True
    if charter.organisation_id is None:
        return False
    return charter.organisation.coordinators.filter(pk=user.pk).exists()


def charter_get_for_user(*, user, slug: str) -> Charter:
    """A charter for its editors; 404 when there is none, PermissionDenied for anyone else."""
    charter = Charter.objects.select_related("organisation").filter(slug=slug).first()
    if charter is None:
        raise Http404(_("There is no charter at this address."))
    if not user_edits_charter(user, charter):
        raise PermissionDenied
    return charter


def version_get(*, charter: Charter, number: int) -> CharterVersion:
    return get_object_or_404(CharterVersion, charter=charter, number=number)


def translation_get(*, version: CharterVersion, language: str) -> CharterTranslation | None:
    return version.translations.filter(language=language).first()
