"""The people who run an organisation or a campaign add, edit and remove its resources through
the form: a refused file comes back as an error on the file field, with nothing stored."""

import pytest

from picketline.accounts.personal_data import personal_data_export
from picketline.core.models import AuditEntry
from picketline.resources import services
from picketline.resources.models import Resource
from tests import factories
from tests.campaigns.helpers import make_campaign
from tests.resources.helpers import image_with_gps, make_resource, pdf_bytes, stored_files, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    campaign = make_campaign(title="One Aurora")
    user = factories.make_user()
    factories.make_totp_device(user)
    campaign.coordinators.add(user)
    factories.login(client, user)
    return campaign, user


def _form(**given):
    return {
        "title": "Why we strike",
        "description": "For the gates.",
        "kind": "leaflet",
        "language": "en",
        "visibility": "public",
        **given,
    }


def test_a_coordinator_adds_a_pdf(client, coordinator):
    campaign, user = coordinator
    response = client.post(
        f"/campaigns/{campaign.slug}/resources/new/",
        _form(file=upload(pdf_bytes())),
    )
    assert response.status_code == 303
    assert response["Location"] == f"/campaigns/{campaign.slug}/resources/"
    resource = Resource.objects.get()
    assert (resource.campaign, resource.uploaded_by, resource.content_type) == (
        campaign,
        user,
        "application/pdf",
    )
    assert AuditEntry.objects.filter(action="resource.created", object_id=str(resource.pk))


def test_a_script_disguised_as_a_pdf_comes_back_as_a_form_error(client, coordinator, settings):
    campaign, _user = coordinator
    response = client.post(
        f"/campaigns/{campaign.slug}/resources/new/",
        _form(file=upload(b"<script>alert(1)</script>", name="leaflet.pdf")),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert "Only PDF documents" in response.content.decode()
    assert not Resource.objects.exists()
    assert stored_files(settings) == []


def test_a_video_link(client, coordinator):
    campaign, _user = coordinator
    response = client.post(
        f"/campaigns/{campaign.slug}/resources/new/",
        _form(kind="video", link="https://video.example.org/rally"),
    )
    assert response.status_code == 303
    assert Resource.objects.get().link == "https://video.example.org/rally"


def test_a_translation_joins_its_document_once_per_language(coordinator):
    campaign, _user = coordinator
    lead = make_resource(campaign, language="en")
    spanish = make_resource(campaign, language="es", translation_of=lead)
    # A translation of a translation joins the first one's group.
    french = make_resource(campaign, language="fr", translation_of=spanish)
    assert french.translation_of == lead
    with pytest.raises(services.ValidationError) as refused:
        make_resource(campaign, language="es", translation_of=lead)
    assert "language" in refused.value.message_dict


def test_a_translation_stays_in_its_own_library(coordinator):
    campaign, _user = coordinator
    elsewhere = make_resource(make_campaign(title="Elsewhere"))
    with pytest.raises(services.ValidationError) as refused:
        make_resource(campaign, language="es", translation_of=elsewhere)
    assert "translation_of" in refused.value.message_dict


def test_editing_replaces_the_file_and_forgets_the_old_one(
    client, coordinator, settings, django_capture_on_commit_callbacks
):
    campaign, _user = coordinator
    resource = make_resource(campaign)
    old = set(stored_files(settings))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/campaigns/{campaign.slug}/resources/{resource.pk}/edit/",
            _form(title="Poster", kind="poster", file=upload(image_with_gps(), name="p.jpg")),
        )
    assert response.status_code == 303
    resource.refresh_from_db()
    assert (resource.title, resource.content_type) == ("Poster", "image/jpeg")
    assert not old & set(stored_files(settings))
    assert len(stored_files(settings)) == 2


def test_editing_with_a_refused_file_keeps_the_old_one(client, coordinator, settings):
    campaign, _user = coordinator
    resource = make_resource(campaign)
    before = stored_files(settings)
    response = client.post(
        f"/campaigns/{campaign.slug}/resources/{resource.pk}/edit/",
        _form(title="Changed", file=upload(b"<html></html>")),
    )
    assert response.status_code == 400
    resource.refresh_from_db()
    assert resource.title == "Why we strike"
    assert stored_files(settings) == before


def test_removing_a_document_keeps_its_translations_together(
    client, coordinator, settings, django_capture_on_commit_callbacks
):
    campaign, _user = coordinator
    lead = make_resource(campaign, language="en")
    spanish = make_resource(campaign, language="es", translation_of=lead)
    french = make_resource(campaign, language="fr", translation_of=lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/campaigns/{campaign.slug}/resources/{lead.pk}/delete/")
    assert response.status_code == 303
    spanish.refresh_from_db()
    french.refresh_from_db()
    assert spanish.translation_of is None
    assert french.translation_of == spanish
    assert len(stored_files(settings)) == 4
    assert AuditEntry.objects.filter(action="resource.deleted").count() == 1


def test_a_resource_of_another_library_is_a_404(client, coordinator):
    campaign, _user = coordinator
    other = make_resource(make_campaign(title="Elsewhere"))
    url = f"/campaigns/{campaign.slug}/resources/{other.pk}/"
    assert client.get(url + "edit/").status_code == 404
    assert client.post(url + "delete/").status_code == 404
    assert Resource.objects.filter(pk=other.pk).exists()


def test_an_uploader_finds_their_uploads_in_their_data_and_erasing_forgets_them(coordinator):
    campaign, user = coordinator
    resource = make_resource(campaign, by=user, title="Why we strike")
    items = personal_data_export(user)["kinds"]["resource_uploads"]["items"]
    assert [(item["title"], item["of"]) for item in items] == [("Why we strike", "One Aurora")]
    from picketline.resources.own_data import uploads_erase

    uploads_erase(user)
    resource.refresh_from_db()
    assert resource.uploaded_by is None


def test_an_admin_opens_a_resource_in_the_admin_without_a_public_url(client, coordinator):
    campaign, _user = coordinator
    resource = make_resource(campaign)
    factories.login(client, factories.make_admin())
    response = client.get(f"/admin/resources/resource/{resource.pk}/change/")
    assert response.status_code == 200
    assert resource.file.name in response.content.decode()
    assert client.get("/admin/resources/resource/").status_code == 200
