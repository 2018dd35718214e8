"""Editors (the owning organisation's organisers, moderators, admins) add versions and
translations and approve translations, naming the reviewer; each change is audited."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from picketline.charters import services
from picketline.charters.models import CharterTranslation, CharterVersion
from picketline.core.models import AuditEntry
from tests import factories
from tests.charters import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser():
    user = factories.make_user()
    factories.make_totp_device(user)
    return user


@pytest.fixture
def charter(organiser):
    union = factories.make_organisation(name="Auto Workers International")
    union.coordinators.add(organiser)
    return helpers.make_charter(
        slug="workers", organisation=union, translations={}, editor=organiser
    )


def test_an_organiser_adds_a_version_numbered_after_the_last(client, charter, organiser):
    factories.login(client, organiser)
    response = client.post(
        "/charters/workers/manage/versions/add/",
        {"title": "Workers' Charter", "published_on": "2026-11-01", "text": "Article 1. Updated."},
    )
    assert response.status_code == 303
    version = CharterVersion.objects.get(charter=charter, number=2)
    assert version.published_on == dt.date(2026, 11, 1)
    entry = AuditEntry.objects.filter(action="charter.version_added").latest("id")
    assert entry.user == organiser
    assert entry.data == {"version": 2}
    # The page shows the latest version; the first is still there.
    page = client.get("/charters/workers/").content.decode()
    assert "Article 1. Updated." in page
    assert (
        "Article 1. We stand together."
        in client.get("/charters/workers/?version=1").content.decode()
    )


def test_a_translation_is_a_draft_until_approved_with_the_reviewer_named(
    client, charter, organiser
):
    factories.login(client, organiser)
    url = "/charters/workers/manage/versions/1/ar/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "ميثاق العمال", "text": "المادة ١. نقف معًا."})
    assert response.status_code == 303
    translation = CharterTranslation.objects.get(language="ar")
    assert translation.status == "draft"
    assert "is a draft" in client.get("/charters/workers/ar/").content.decode()

    refused = client.post(url + "approve/", {"reviewer_name": ""})
    assert refused.status_code == 303
    translation.refresh_from_db()
    assert translation.status == "draft"

    client.post(url + "approve/", {"reviewer_name": "Layla Haddad"})
    translation.refresh_from_db()
    assert translation.status == "approved"
    assert translation.reviewer_name == "Layla Haddad"
    assert translation.reviewed_by == organiser
    assert translation.reviewed_at is not None
    page = client.get("/charters/workers/ar/").content.decode()
    assert 'lang="ar" dir="rtl"' in page
    assert "المادة ١. نقف معًا." in page
    assert "Layla Haddad" in page
    actions = list(
        AuditEntry.objects.filter(action__startswith="charter.translation")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["charter.translation_added", "charter.translation_approved"]


def test_changing_an_approved_translation_makes_it_a_draft_again(charter, organiser):
    version = charter.versions.get()
    translation = services.translation_save(
        version=version, language="it", title="Carta", text="Articolo 1.", user=organiser
    )
    services.translation_approve(translation=translation, reviewer_name="Giulia", user=organiser)
    services.translation_save(
        version=version, language="it", title="Carta", text="Articolo 1, corretto.", user=organiser
    )
    translation.refresh_from_db()
    assert (translation.status, translation.reviewer_name, translation.reviewed_at) == (
        "draft",
        "",
        None,
    )


def test_the_original_language_and_unknown_languages_are_refused(charter, organiser):
    version = charter.versions.get()
    for language in ("en", "tlh"):
        with pytest.raises(ValidationError):
            services.translation_save(
                version=version, language=language, title="T", text="X", user=organiser
            )
    assert not CharterTranslation.objects.exists()


def test_an_empty_version_is_refused_and_nothing_stored(client, charter, organiser):
    factories.login(client, organiser)
    response = client.post(
        "/charters/workers/manage/versions/add/",
        {"title": "", "published_on": "2026-11-01", "text": ""},
    )
    assert response.status_code == 400
    assert charter.versions.count() == 1


def test_the_admin_lists_charters_and_endorsements(client, charter):
    admin = factories.make_admin()
    admin.is_staff = True
    admin.save()
    factories.login(client, admin)
    assert client.get("/admin/charters/charter/").status_code == 200
    assert client.get("/admin/charters/endorsement/").status_code == 200
    assert client.get("/admin/charters/chartertranslation/").status_code == 200
