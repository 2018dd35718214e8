"""Browsers ask every site for /favicon.ico; pages name the icon too."""

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_it_sends_favicon_ico_to_the_static_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/icons/favicon.ico"
    assert "max-age=86400" in response["Cache-Control"]


def test_the_icon_is_a_real_icon_file():
    path = finders.find("icons/favicon.ico")
    assert path is not None
    with open(path, "rb") as icon:
        # An ICO file starts with a reserved zero and type 1.
        assert icon.read(4) == b"\x00\x00\x01\x00"


def test_every_page_names_its_icon(client):
    page = client.get("/data/").content.decode()
    assert '<link rel="icon" href="/static/icons/favicon.ico"' in page
    assert 'href="/static/icons/favicon.svg" type="image/svg+xml"' in page
