import pytest

pytestmark = pytest.mark.django_db


def test_it_lists_every_feed_and_credits_the_data(client, settings):
    settings.TILE_ATTRIBUTION = '&copy; <a href="https://example.org/">Example tiles</a>'
    response = client.get("/data/")
    assert response.status_code == 200
    html = response.text
    for path in ("/disputes.geojson", "/disputes.ics", "/disputes.csv", "/disputes.atom"):
        assert f'href="{path}"' in html
    assert "/api/v1/" in html
    assert 'id="credits"' in html
    assert "GeoNames" in html
    assert '<a href="https://example.org/">Example tiles</a>' in html


def test_it_is_linked_from_every_page_footer(client):
    html = client.get("/").text
    footer = html[html.index('class="site-footer"') :]
    assert 'href="/data/#credits"' in footer
