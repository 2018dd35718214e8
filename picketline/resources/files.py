"""What an uploaded file is, read from its content alone, never from its name or the type the
browser sent: its first bytes are matched against known signatures (puremagic), then the file
must open as what they claim: a PDF must load in PDFium (pypdfium2), which also draws its first
page for the thumbnail; an image must open and verify in Pillow. Anything else (HTML or a
script named leaflet.pdf, an SVG, a file that starts like a PDF but is not one) is refused.

What is kept: a PDF's own bytes, unchanged (served as an attachment in a sandbox, it cannot run
in the site's origin); an image's pixels written anew, so its EXIF and GPS position are gone."""

import threading
from dataclasses import dataclass

import puremagic
import pypdfium2
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from picketline.core import images
from picketline.resources.models import EXTENSIONS, FILE_TYPES, IMAGE_TYPES, PDF

# An image kept in the library is at most this many pixels a side (a poster prints well).
IMAGE_MAX_SIDE = 4096
MEGABYTE = 1024 * 1024
# PDFium is not safe to call from two threads at once.
_PDFIUM = threading.Lock()


@dataclass(frozen=True)
class Inspected:
    content_type: str
    data: bytes  # what is stored
    thumbnail: bytes  # a small JPEG
    extension: str


def max_bytes(content_type: str) -> int:
    megabytes = (
        settings.RESOURCE_MAX_PDF_MB if content_type == PDF else settings.RESOURCE_MAX_IMAGE_MB
    )
    return megabytes * MEGABYTE


def largest_upload() -> int:
    return max(max_bytes(content_type) for content_type in FILE_TYPES)


def _refused(message: str, code: str) -> ValidationError:
    return ValidationError({"file": message}, code=code)


def _limits_text() -> str:
    return _("PDFs of at most %(pdf)s MB, JPEG, PNG or WebP images of at most %(image)s MB.") % {
        "pdf": settings.RESOURCE_MAX_PDF_MB,
        "image": settings.RESOURCE_MAX_IMAGE_MB,
    }


def sniff(data: bytes) -> str:
    """The content type the bytes' signature names, or "" when none is known."""
    if not data:
        return ""
    try:
        return puremagic.from_string(data[:8192], mime=True) or ""
    except (puremagic.PureError, ValueError):
        return ""


def pdf_thumbnail(data: bytes) -> bytes:
    """The first page of the PDF drawn small, as a JPEG; ValidationError when PDFium cannot
    read the document or draw the page."""
    with _PDFIUM:
        try:
            document = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError:
            raise _refused(
                _(
                    "This PDF cannot be read: it is damaged, protected by a password, "
                    "or not a PDF at all."
                ),
                "unreadable_pdf",
            ) from None
        try:
            if len(document) == 0:
                raise _refused(_("This PDF has no pages."), "empty_pdf")
            page = document[0]
            try:
                width, height = page.get_size()
                scale = images.THUMBNAIL_SIDE / max(width, height, 1)
                bitmap = page.render(scale=scale)
                picture = bitmap.to_pil()
            except pypdfium2.PdfiumError:
                raise _refused(
                    _("The first page of this PDF cannot be drawn: it seems damaged."),
                    "unreadable_pdf",
                ) from None
            finally:
                page.close()
            return images.thumbnail_jpeg(picture)
        finally:
            document.close()


def inspect_upload(upload) -> Inspected:
    """Reads `upload` (a Django UploadedFile) and says what it is; ValidationError (on the
    field "file") when it is too large, of a type not accepted, or does not open as the type
    its content claims."""
    if upload.size > largest_upload():
        raise _refused(
            _("This file is too large. %(limits)s") % {"limits": _limits_text()}, "too_big"
        )
    upload.seek(0)
    data = upload.read()
    content_type = sniff(data)
    if content_type not in FILE_TYPES:
        raise _refused(
            _(
                "Only PDF documents and JPEG, PNG or WebP images can be uploaded: "
                "this file is none of them."
            ),
            "type_refused",
        )
    if len(data) > max_bytes(content_type):
        raise _refused(
            _("This file is too large. %(limits)s") % {"limits": _limits_text()}, "too_big"
        )
    if content_type == PDF:
        return Inspected(
            content_type=PDF, data=data, thumbnail=pdf_thumbnail(data), extension="pdf"
        )
    try:
        read_as = images.image_check(data)
        if read_as != content_type or read_as not in IMAGE_TYPES:
            raise images.ImageRefused("the signature and the image disagree")
        clean = images.image_reencode(data, max_side=IMAGE_MAX_SIDE, content_type=read_as)
        thumbnail = images.thumbnail_of(clean)
    except (images.ImageRefused, OSError, ValueError):
        raise _refused(
            _("This image cannot be read (it is damaged or too large): send a JPEG, PNG or WebP."),
            "unreadable_image",
        ) from None
    return Inspected(
        content_type=read_as, data=clean, thumbnail=thumbnail, extension=EXTENSIONS[read_as]
    )
