"""Images are kept as their pixels only: the EXIF of a photo (its GPS position, the camera)
is gone from the stored file, which keeps its format; the thumbnail is a small JPEG."""

import io

import pytest
from PIL import Image

from picketline.core import images
from tests.campaigns.helpers import make_campaign
from tests.resources.helpers import CAMERA_MAKER, GPS_IFD, image_with_gps, make_resource

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("fmt", "content_type"), [("JPEG", "image/jpeg"), ("PNG", "image/png")])
def test_it_strips_the_gps_position_and_the_camera_from_a_photo(fmt, content_type):
    original = image_with_gps(fmt=fmt)
    with Image.open(io.BytesIO(original)) as check:
        assert check.getexif().get_ifd(GPS_IFD)
    resource = make_resource(make_campaign(), data=original, kind="image")
    assert resource.content_type == content_type
    with resource.file.open("rb") as stored:
        data = stored.read()
    assert resource.size == len(data)
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == fmt
        assert image.size == (1200, 800)
        exif = image.getexif()
        assert not exif.get_ifd(GPS_IFD)
        assert CAMERA_MAKER not in exif
    assert b"Sentinel camera maker" not in data


def test_it_keeps_a_webp_as_webp_without_its_metadata():
    original = image_with_gps(size=(300, 200), fmt="WEBP")
    assert b"Sentinel camera maker" in original
    resource = make_resource(make_campaign(), data=original, kind="poster")
    assert resource.content_type == "image/webp"
    with resource.file.open("rb") as stored:
        assert b"Sentinel camera maker" not in stored.read()


def test_it_makes_a_small_jpeg_thumbnail_of_an_image():
    resource = make_resource(make_campaign(), data=image_with_gps(), kind="image")
    with resource.thumbnail.open("rb") as stored, Image.open(stored) as thumbnail:
        assert thumbnail.format == "JPEG"
        assert thumbnail.size == (320, 213)
        assert not thumbnail.getexif().get_ifd(GPS_IFD)


def test_it_shrinks_an_image_larger_than_a_poster_needs():
    big = Image.new("RGB", (5000, 2500), (0, 90, 0))
    out = io.BytesIO()
    big.save(out, format="JPEG")
    resource = make_resource(make_campaign(), data=out.getvalue(), kind="poster")
    with resource.file.open("rb") as stored, Image.open(stored) as image:
        assert image.size == (4096, 2048)


def test_the_shared_cleaner_refuses_a_canvas_too_large_to_decode():
    # A small PNG that declares 80 million pixels: refused before any is decoded.
    huge = Image.new("1", (10_000, 8_000))
    out = io.BytesIO()
    huge.save(out, format="PNG")
    with pytest.raises(images.ImageRefused):
        images.image_check(out.getvalue())
    with pytest.raises(images.ImageRefused):
        images.image_reencode(out.getvalue(), max_side=100)


def test_a_script_hidden_after_a_real_image_does_not_survive():
    polyglot = image_with_gps(size=(200, 100)) + b"<html><script>alert(document.cookie)</script>"
    resource = make_resource(make_campaign(), data=polyglot, kind="image")
    with resource.file.open("rb") as stored:
        assert b"<script>" not in stored.read()
