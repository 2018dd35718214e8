"""Files are streamed by the app, never by a media route: with the type read from their
content, `nosniff`, as an attachment (images inline), in a CSP sandbox, for this origin only.
A resource kept for the people who run its organisation or campaign is a 404 to anyone else."""

import pytest

from tests import factories
from tests.campaigns.helpers import make_campaign
from tests.resources.helpers import image_with_gps, make_resource, pdf_bytes

pytestmark = pytest.mark.django_db


def _common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_it_serves_a_pdf_as_an_attachment_in_a_sandbox(client):
    data = pdf_bytes()
    resource = make_resource(make_campaign(), data=data, title="Pourquoi la grève ?")
    response = client.get(resource.get_file_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == "attachment; filename*=UTF-8''pourquoi-la-gr%C3%A8ve.pdf"
    )
    _common_headers(response)


def test_it_serves_an_image_inline_with_its_own_type(client):
    resource = make_resource(make_campaign(), data=image_with_gps(fmt="PNG"), kind="image")
    response = client.get(resource.get_file_url())
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline; filename*=UTF-8''why-we-strike.png")
    _common_headers(response)


def test_a_title_in_another_script_makes_a_safe_encoded_name(client):
    resource = make_resource(make_campaign(), title="لماذا نضرب\r\n<script>", language="ar")
    response = client.get(resource.get_file_url())
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=UTF-8''%D9%84")
    assert "<" not in disposition and "\n" not in disposition


def test_it_serves_the_thumbnail_as_a_jpeg(client):
    resource = make_resource(make_campaign())
    response = client.get(resource.get_thumbnail_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    _common_headers(response)


def test_the_file_is_not_reachable_through_the_media_path(client):
    resource = make_resource(make_campaign())
    assert client.get(f"/media/private/resources/{resource.file.name}").status_code == 404
    assert client.get(f"/media/{resource.file.name}").status_code == 404


def test_a_link_has_no_file_to_serve(client):
    resource = make_resource(make_campaign(), link="https://video.example.org/r", kind="video")
    assert client.get(f"/resources/{resource.pk}/video.pdf").status_code == 404


@pytest.fixture
def private():
    campaign = make_campaign()
    coordinator = factories.make_user()
    factories.make_totp_device(coordinator)
    campaign.coordinators.add(coordinator)
    resource = make_resource(campaign, visibility="managers", title="Negotiating notes")
    return {"resource": resource, "coordinator": coordinator}


@pytest.mark.parametrize("who", ["anonymous", "supporter", "other_coordinator"])
def test_a_private_resource_does_not_exist_for_others(client, private, who):
    if who == "supporter":
        factories.login(client, factories.make_user())
    elif who == "other_coordinator":
        other = make_campaign(title="Another")
        user = factories.make_user()
        other.coordinators.add(user)
        factories.login(client, user)
    resource = private["resource"]
    assert client.get(resource.get_file_url()).status_code == 404
    assert client.get(resource.get_thumbnail_url()).status_code == 404


@pytest.mark.parametrize("who", ["coordinator", "moderator"])
def test_a_private_resource_is_served_to_those_who_run_it_and_never_cached(client, private, who):
    user = private["coordinator"] if who == "coordinator" else factories.make_moderator()
    factories.login(client, user)
    response = client.get(private["resource"].get_file_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    _common_headers(response)
