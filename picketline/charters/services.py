"""Writing charters: creating one, adding versions and translations, approving a translation
(the reviewer named), and endorsements: a person's confirmed by an emailed link, an
organisation's verified by moderators. Every change writes an audit entry; endorsers' names
and addresses never go into one."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from picketline.charters import notices
from picketline.charters.models import (
    Charter,
    CharterTranslation,
    CharterVersion,
    Endorsement,
    EndorsementStatus,
    EndorserKind,
    TranslationStatus,
)
from picketline.charters.selectors import endorsement_get_by_confirm_token
from picketline.core.audit import log_action
from picketline.core.confirm_links import (
    CONFIRM_LINK_FIELDS,
    confirm_link_check,
    confirm_link_new,
    confirm_link_take,
    confirm_link_used,
    confirm_links_expired,
)
from picketline.core.i18n import content_languages
from picketline.core.text import plain_text

KIND = "endorsement"


def _check_language(code: str, *, field: str = "language") -> None:
    if code not in {c for c, _name in content_languages()}:
        raise ValidationError({field: [_("Choose one of the charter languages.")]})


@transaction.atomic
def charter_create(
    *, title: str, language: str, slug: str = "", organisation=None, user=None, is_demo=False
) -> Charter:
    title = plain_text(title or "").strip()
    if not title:
        raise ValidationError({"title": [_("Give the charter a title.")]})
    _check_language(language)
    slug = slugify(slug or title)[:100]
    if not slug:
        raise ValidationError({"slug": [_("Give the charter an address of plain letters.")]})
    if Charter.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": [_("Another charter already has this address.")]})
    charter = Charter.objects.create(
        title=title, slug=slug, language=language, organisation=organisation, is_demo=is_demo
    )
    log_action(charter, "charter.created", user=user, data={"language": language})
    return charter


@transaction.atomic
def version_add(
    *, charter: Charter, title: str, text: str, published_on: dt.date, user
) -> CharterVersion:
    """The next version of the charter's text, in its original language. The charter's row
    is locked so two editors adding at once get different numbers."""
    title, text = plain_text(title or "").strip(), (text or "").strip()
    errors = {}
    if not title:
        errors["title"] = [_("Give this version's title.")]
    if not text:
        errors["text"] = [_("Give this version's text.")]
    if errors:
        raise ValidationError(errors)
    charter = Charter.objects.select_for_update().get(pk=charter.pk)
    last = charter.versions.aggregate(last=Max("number"))["last"] or 0
    version = CharterVersion.objects.create(
        charter=charter, number=last + 1, published_on=published_on, title=title, text=text
    )
    log_action(charter, "charter.version_added", user=user, data={"version": version.number})
    return version


@transaction.atomic
def translation_save(
    *, version: CharterVersion, language: str, title: str, text: str, user
) -> CharterTranslation:
    """Adds or changes a version's translation into `language`. A changed text is a draft
    again until a reviewer approves it."""
    _check_language(language)
    if language == version.charter.language:
        raise ValidationError(
            {"language": [_("This is the charter's original language: edit the version instead.")]}
        )
    title, text = plain_text(title or "").strip(), (text or "").strip()
    errors = {}
    if not title:
        errors["title"] = [_("Give the translated title.")]
    if not text:
        errors["text"] = [_("Give the translated text.")]
    if errors:
        raise ValidationError(errors)
    translation = (
        CharterTranslation.objects.select_for_update()
        .filter(version=version, language=language)
        .first()
    )
    created = translation is None
    if created:
        translation = CharterTranslation(version=version, language=language)
    elif translation.title == title and translation.text == text:
        return translation
    translation.title, translation.text = title, text
    translation.status = TranslationStatus.DRAFT
    translation.reviewer_name, translation.reviewed_by, translation.reviewed_at = "", None, None
    translation.save()
    log_action(
        version.charter,
        "charter.translation_added" if created else "charter.translation_changed",
        user=user,
        data={"version": version.number, "language": language},
    )
    return translation


@transaction.atomic
def translation_approve(
    *, translation: CharterTranslation, reviewer_name: str, user
) -> CharterTranslation:
    """A reviewer approves the translation: readers of its language are shown it."""
    reviewer_name = plain_text(reviewer_name or "").strip()
    if not reviewer_name:
        raise ValidationError(
            {"reviewer_name": [_("Name the reviewer, as the page will credit them.")]}
        )
    translation = CharterTranslation.objects.select_for_update().get(pk=translation.pk)
    translation.status = TranslationStatus.APPROVED
    translation.reviewer_name = reviewer_name[:100]
    translation.reviewed_by = user if user is not None and user.is_authenticated else None
    translation.reviewed_at = timezone.now()
    translation.save(
        update_fields=["status", "reviewer_name", "reviewed_by", "reviewed_at", "updated_at"]
    )
    version = translation.version
    log_action(
        version.charter,
        "charter.translation_approved",
        user=user,
        data={"version": version.number, "language": translation.language},
    )
    return translation


# --- endorsements ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EndorseResult:
    endorsement: Endorsement
    created: bool


def _check_endorser(*, kind: str, name: str, email: str, country: str) -> None:
    errors = {}
    field = "organisation" if kind == EndorserKind.ORGANISATION else "name"
    if kind not in EndorserKind.values:
        errors["kind"] = [_("Endorse as a person or as an organisation.")]
    if not name:
        errors[field] = [
            _("Give the organisation's name.")
            if kind == EndorserKind.ORGANISATION
            else _("Give your name.")
        ]
    if not email:
        errors["email"] = [
            _("Give an email address: we send a link to confirm, and never publish it.")
        ]
    if len(country) != 2 or not country.isascii() or not country.isalpha():
        errors["country"] = [_("Choose a country (a two-letter code such as GB or ES).")]
    if errors:
        raise ValidationError(errors)


def endorsement_submit(
    *,
    charter: Charter,
    kind: str,
    name: str,
    email: str,
    country: str,
    show_name: bool = False,
) -> EndorseResult:
    """Someone endorses the charter. A person's endorsement waits for the emailed link; an
    organisation's for the moderators. The same address endorsing again (as the same kind)
    makes nothing new, so nobody is counted twice: a person still waiting gets a new link.
    The answer is the same either way, so the form reveals nothing about who endorsed."""
    name = plain_text(name or "").strip()[:200]
    email = (email or "").strip().lower()
    country = (country or "").strip().upper()
    _check_endorser(kind=kind, name=name, email=email, country=country)
    fields = {
        "name": name,
        "email": email,
        "country": country,
        "show_name": True if kind == EndorserKind.ORGANISATION else bool(show_name),
    }
    try:
        return _endorse(charter=charter, kind=kind, fields=fields)
    except IntegrityError:
        # The same address twice at the same moment: the other request stored it.
        return _endorse(charter=charter, kind=kind, fields=fields)


@transaction.atomic
def _endorse(*, charter: Charter, kind: str, fields: dict) -> EndorseResult:
    existing = (
        Endorsement.objects.select_for_update()
        .filter(charter=charter, kind=kind, email=fields["email"])
        .exclude(status=EndorsementStatus.REJECTED)
        .first()
    )
    if existing is not None:
        if existing.status == EndorsementStatus.PENDING and kind == EndorserKind.PERSON:
            raw = confirm_link_new(existing, hours=settings.ENDORSE_CONFIRM_HOURS)
            existing.save(update_fields=CONFIRM_LINK_FIELDS)
            notices.endorsement_confirm_link(existing, raw)
        return EndorseResult(endorsement=existing, created=False)
    endorsement = Endorsement(charter=charter, kind=kind, language=get_language() or "", **fields)
    raw = ""
    if kind == EndorserKind.PERSON:
        raw = confirm_link_new(endorsement, hours=settings.ENDORSE_CONFIRM_HOURS)
    endorsement.save()
    log_action(
        charter,
        "charter.endorsed",
        data={"endorsement": endorsement.pk, "kind": kind, "country": endorsement.country},
    )
    if kind == EndorserKind.PERSON:
        notices.endorsement_confirm_link(endorsement, raw)
    else:
        from picketline.moderation.services import moderation_submit

        moderation_submit(obj=endorsement, kind=KIND)
    return EndorseResult(endorsement=endorsement, created=True)


def endorsement_confirm_check(*, raw: str) -> Endorsement:
    """The waiting endorsement the link confirms; ValidationError (code "unknown" or
    "expired") when the link does nothing."""
    return confirm_link_check(
        endorsement_get_by_confirm_token(raw=raw),
        pending=EndorsementStatus.PENDING,
        expired_message=_("This link has expired. Endorse the charter again to get a new one."),
    )


@transaction.atomic
def endorsement_confirm(*, raw: str) -> Endorsement:
    """Follows the emailed link: the person's endorsement counts from now. The link works
    once."""
    endorsement = confirm_link_take(lambda: endorsement_confirm_check(raw=raw))
    endorsement.status = EndorsementStatus.COUNTED
    endorsement.counted_at = timezone.now()
    endorsement.save(update_fields=["status", "counted_at", *confirm_link_used(endorsement)])
    log_action(
        endorsement.charter, "charter.endorsement_confirmed", data={"endorsement": endorsement.pk}
    )
    return endorsement


def endorsement_verify(*, endorsement: Endorsement, user) -> Endorsement:
    """Moderators verified an organisation's endorsement: it counts and shows from now.
    Call inside the moderation decision's transaction."""
    if endorsement.status == EndorsementStatus.COUNTED:
        return endorsement
    endorsement.status = EndorsementStatus.COUNTED
    endorsement.counted_at = timezone.now()
    endorsement.save(update_fields=["status", "counted_at"])
    log_action(
        endorsement.charter,
        "charter.endorsement_verified",
        user=user,
        data={"endorsement": endorsement.pk},
    )
    return endorsement


def endorsement_reject(*, endorsement: Endorsement, user) -> None:
    """Moderators refused an organisation's endorsement: it never counts. Call inside the
    moderation decision's transaction."""
    endorsement.status = EndorsementStatus.REJECTED
    endorsement.save(update_fields=["status"])


@transaction.atomic
def endorsements_unconfirmed_forget() -> int:
    """Deletes people's endorsements never confirmed whose link has expired, with their name
    and address; returns how many. Endorsing again sends a new link."""
    pending = Endorsement.objects.filter(kind=EndorserKind.PERSON, status=EndorsementStatus.PENDING)
    deleted, _by_model = confirm_links_expired(pending).delete()
    return deleted
