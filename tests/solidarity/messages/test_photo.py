import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from picketline.solidarity.models import Message
from tests.factories import login, make_coordinator, make_dispute, make_moderator, make_user
from tests.solidarity.messages.helpers import approve, fresh_limits, send_url, valid_data

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


def _sent_with_photo(client, dispute) -> Message:
    upload = SimpleUploadedFile("me.jpg", _photo_with_gps((60, 40)), content_type="image/jpeg")
    assert client.post(send_url(dispute), {**valid_data(), "photo": upload}).status_code == 303
    return Message.objects.get()


def test_a_published_photo_is_served_by_the_app_to_anyone(client, db, fresh_limits):
    dispute = make_dispute()
    message = _sent_with_photo(client, dispute)
    approve(message, make_moderator())
    page = client.get(dispute.get_absolute_url()).content.decode()
    assert message.photo_url in page
    response = client.get(message.photo_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"].startswith("public")
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
        assert image.size == (60, 40)


def test_a_photo_waiting_for_review_is_only_for_those_who_review_it(client, db, fresh_limits):
    dispute = make_dispute()
    message = _sent_with_photo(client, dispute)
    assert client.get(message.photo_url).status_code == 404
    coordinator = make_coordinator(dispute)
    client.force_login(coordinator)
    # Signed in, but the session has not given its second factor yet.
    assert client.get(message.photo_url).status_code == 404
    login(client, coordinator)
    response = client.get(message.photo_url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    client.force_login(make_user())
    assert client.get(message.photo_url).status_code == 404


def test_a_message_without_a_photo_has_no_photo_address(client, db):
    message = Message.objects.create(dispute=make_dispute(), body="Solidarity")
    assert message.photo_url == ""
    url = reverse("solidarity:message_photo", kwargs={"pk": message.pk})
    assert client.get(url).status_code == 404
