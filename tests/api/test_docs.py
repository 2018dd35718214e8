import pytest
from django.test import modify_settings, override_settings

pytestmark = pytest.mark.django_db

URL = "/api/v1/docs"


def test_it_serves_a_reference_page_that_needs_nothing_from_elsewhere(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script" not in html
    assert "<style" not in html
    assert "cdn" not in html.lower()
    assert 'src="http' not in html and 'href="http' not in html
    assert "/api/v1/disputes/{id_or_slug}" in html
    assert 'href="/api/v1/openapi.json"' in html
    assert "radius_km" in html


@modify_settings(INSTALLED_APPS={"append": "ninja"})
@override_settings(
    STORAGES={
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
)
def test_it_serves_swagger_ui_from_our_own_static_files_when_ninja_is_installed(client):
    html = client.get(URL).content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


def test_it_has_an_index_at_the_root(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    assert response.json()["openapi"] == "http://testserver/api/v1/openapi.json"
