"""Charters for tests, made through the services."""

import datetime as dt
import re

from picketline.charters import services
from picketline.charters.models import Endorsement
from picketline.core.models import OutboxEmail
from tests import factories

ORIGINAL = (
    "Workers of every country\n\nArticle 1. We stand together.\n\nArticle 2. We win together."
)
TRANSLATIONS = {
    "es": (
        "Carta de los trabajadores",
        "Artículo 1. Estamos unidos.\n\nArtículo 2. Ganamos unidos.",
    ),
    "fa": ("منشور کارگران", "مادهٔ ۱. ما با هم ایستاده‌ایم.\n\nمادهٔ ۲. ما با هم پیروز می‌شویم."),
    "fr": (
        "Charte des travailleurs",
        "Article 1. Nous sommes unis.\n\nArticle 2. Nous gagnons unis.",
    ),
}


def make_charter(
    *,
    title="Workers' Charter",
    slug="",
    organisation=None,
    translations=TRANSLATIONS,
    approved=("es", "fa"),
    editor=None,
):
    """A charter in English with one version, translated into `translations` and approved in
    `approved` (the others are drafts)."""
    editor = editor or factories.make_moderator()
    charter = services.charter_create(
        title=title, slug=slug, language="en", organisation=organisation, user=editor
    )
    version = services.version_add(
        charter=charter,
        title=title,
        text=ORIGINAL,
        published_on=dt.date(2026, 5, 1),
        user=editor,
    )
    for language, (translated_title, text) in translations.items():
        translation = services.translation_save(
            version=version, language=language, title=translated_title, text=text, user=editor
        )
        if language in approved:
            services.translation_approve(
                translation=translation, reviewer_name="Reviewer " + language, user=editor
            )
    return charter


def confirm_link(email: str) -> str:
    """The path of the latest confirmation link emailed to `email`."""
    emails = OutboxEmail.objects.filter(
        address__iexact=email, body__contains="/charter-endorsements/"
    )
    body = emails.order_by("-id").first().body
    return re.search(r"https?://[^/\s]+(/charter-endorsements/[^/\s]+/)", body).group(1)


def endorse_person(charter, *, email, name="Ada Picket", country="FR", public=True, confirm=True):
    result = services.endorsement_submit(
        charter=charter, kind="person", name=name, email=email, country=country, show_name=public
    )
    if confirm:
        raw = confirm_link(email).rstrip("/").rsplit("/", 1)[1]
        services.endorsement_confirm(raw=raw)
    return Endorsement.objects.get(pk=result.endorsement.pk)


def endorse_organisation(charter, *, email, name="Metalworkers Union", country="DE", verify=True):
    from picketline.moderation.services import item_approve, item_for_object

    result = services.endorsement_submit(
        charter=charter, kind="organisation", name=name, email=email, country=country
    )
    if verify:
        item = item_for_object(result.endorsement)
        item_approve(item=item, version=item.version, user=factories.make_moderator())
    return Endorsement.objects.get(pk=result.endorsement.pk)
