"""Pages work under the strict Content Security Policy: no inline script, no style attributes."""

import re

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)


@pytest.fixture
def pages(client):
    dispute = factories.make_dispute(with_shift=True, employer="Acme", union="Union")
    return [
        "/",
        "/disputes/",
        "/disputes/?near=53.8,-1.5",
        "/disputes/?country=nowhere",
        dispute.get_absolute_url(),
        "/data/",
        "/accounts/login/",
        "/accounts/password/reset/",
        "/no-such-page/",
    ]


def test_it_runs_no_inline_script(client, pages):
    for url in pages:
        html = client.get(url).text
        for attributes in SCRIPT.findall(html):
            assert "src=" in attributes or 'type="application/json"' in attributes, (
                url,
                attributes,
            )
        assert not re.search(r"\son[a-z]+=", html), url


def test_it_uses_no_style_attributes_or_blocks(client, pages):
    for url in pages:
        html = client.get(url).text
        assert not re.search(r"\sstyle=", html, re.IGNORECASE), url
        assert "<style" not in html, url


def test_it_loads_every_asset_from_its_own_origin(client, pages):
    for url in pages:
        html = client.get(url).text
        for src in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html):
            assert src.startswith("/"), (url, src)


def test_it_sends_the_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
