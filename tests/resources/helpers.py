"""Files and resources for the library's tests: a real PDF (fpdf2), images with a GPS
position in their EXIF (Pillow), and files that only pretend to be one of them."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF
from PIL import Image

from picketline.resources import services

GPS_IFD = 0x8825
CAMERA_MAKER = 0x010F


def pdf_bytes(text: str = "Strike leaflet") -> bytes:
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=18)
    pdf.cell(text=text)
    return bytes(pdf.output())


def image_with_gps(size=(1200, 800), fmt="JPEG") -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[CAMERA_MAKER] = "Sentinel camera maker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (53.0, 47.0, 47.0), 3: "W", 4: (1.0, 32.0, 52.0)})
    out = io.BytesIO()
    image.save(out, format=fmt, exif=exif)
    return out.getvalue()


def upload(data: bytes, name: str = "leaflet.pdf", content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def make_resource(owner, *, by=None, data=None, link="", **fields):
    values = {
        "title": "Why we strike",
        "description": "A leaflet for the gates.",
        "kind": "leaflet",
        "language": "en",
        "visibility": "public",
    }
    values.update(fields)
    if not link and data is None:
        data = pdf_bytes()
    return services.resource_create(
        owner=owner,
        by=by,
        upload=upload(data) if data is not None else None,
        link=link,
        **values,
    )


def stored_files(settings) -> list:
    """Every file in the library's folder."""
    from pathlib import Path

    root = Path(settings.MEDIA_ROOT) / "private" / "resources"
    return sorted(p.name for p in root.glob("*")) if root.exists() else []
