import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from picketline.solidarity.models import Message
from tests.factories import make_dispute
from tests.solidarity.messages.helpers import fresh_limits, send_url, valid_data

__all__ = ["fresh_limits"]

GPS_IFD = 0x8825


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _photo_with_gps(size=(2400, 1200), fmt="JPEG") -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (53.0, 47.0, 47.0), 3: "W", 4: (1.0, 32.0, 52.0)})
    out = io.BytesIO()
    image.save(out, format=fmt, exif=exif)
    return out.getvalue()


def test_it_reencodes_the_photo_without_its_gps_position(client, db, fresh_limits):
    original = _photo_with_gps()
    with Image.open(io.BytesIO(original)) as check:
        assert check.getexif().get_ifd(GPS_IFD)
    dispute = make_dispute()
    upload = SimpleUploadedFile("me.jpg", original, content_type="image/jpeg")
    response = client.post(send_url(dispute), {**valid_data(), "photo": upload})
    assert response.status_code == 303
    message = Message.objects.get()
    with message.photo.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert max(image.size) == 1600
        exif = image.getexif()
        assert not exif.get_ifd(GPS_IFD)
        assert 0x010F not in exif
    assert b"Camera maker" not in message.photo.open("rb").read()


def test_it_accepts_a_png_and_stores_a_jpeg(client, db, fresh_limits):
    dispute = make_dispute()
    upload = SimpleUploadedFile("me.png", _photo_with_gps((40, 30), "PNG"))
    assert client.post(send_url(dispute), {**valid_data(), "photo": upload}).status_code == 303
    with Message.objects.get().photo.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert image.size == (40, 30)


def test_it_refuses_a_file_that_is_not_an_image(client, db, fresh_limits):
    dispute = make_dispute()
    upload = SimpleUploadedFile("me.jpg", b"not an image at all", content_type="image/jpeg")
    response = client.post(send_url(dispute), {**valid_data(), "photo": upload})
    assert response.status_code == 400
    assert "photo" in response.context["form"].errors
    assert not Message.objects.exists()


def test_it_refuses_a_photo_over_5_mb(client, db, fresh_limits):
    dispute = make_dispute()
    upload = SimpleUploadedFile("big.jpg", b"\xff" * (5 * 1024 * 1024 + 1))
    response = client.post(send_url(dispute), {**valid_data(), "photo": upload})
    assert response.status_code == 400
    assert "photo" in response.context["form"].errors
    assert not Message.objects.exists()
