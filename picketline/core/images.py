"""Images people upload, made safe to keep and to show: read with Pillow, and only their pixels
written again, so EXIF (a GPS position, the camera, its owner), XMP, comments and any bytes
hidden after the image are left behind; and small previews (thumbnails) of them.

Every room that keeps an uploaded image goes through here (a solidarity message's photo, a
resource of the library), so there is one place that decides what "clean" means."""

import io

from PIL import Image, ImageOps, UnidentifiedImageError

# Larger images are refused before their pixels are decoded: a small file can declare a huge
# canvas (a "decompression bomb") and fill the memory of the process that opens it.
MAX_PIXELS = 50_000_000

# Pillow's name of each format this module writes, by the content type it is stored with.
FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
CONTENT_TYPES = {name: content_type for content_type, name in FORMATS.items()}

THUMBNAIL_SIDE = 320


class ImageRefused(ValueError):
    """The file is not an image this module can read, or is too large to decode."""


def image_check(data: bytes) -> str:
    """The content type of the image in `data` (JPEG, PNG or WebP), after Pillow has read
    its structure; ImageRefused when it is something else, damaged, or too large."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in CONTENT_TYPES:
                raise ImageRefused("not a JPEG, PNG or WebP image")
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ImageRefused("too many pixels")
            image.verify()
            return CONTENT_TYPES[image.format]
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ImageRefused("not an image Pillow can read") from None


def _pixels_only(image: Image.Image, *, keep_alpha: bool) -> Image.Image:
    """A new image holding the pixels of `image` and nothing else."""
    if keep_alpha and image.mode in ("RGBA", "LA", "P", "PA"):
        mode = "RGBA"
    elif image.mode == "L":
        mode = "L"
    else:
        mode = "RGB"
    if image.mode != mode:
        image = image.convert(mode)
    clean = Image.new(mode, image.size)
    clean.paste(image)
    return clean


def image_reencode(source, *, max_side: int, content_type: str = "image/jpeg") -> bytes:
    """The image in `source` (bytes or a file) written anew as `content_type`, no larger than
    `max_side` pixels a side. Only the pixels are copied, so no metadata survives."""
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    target = FORMATS[content_type]
    try:
        opened = Image.open(source)
    except Image.DecompressionBombError:
        raise ImageRefused("too many pixels") from None
    with opened:
        if opened.size[0] * opened.size[1] > MAX_PIXELS:
            raise ImageRefused("too many pixels")
        upright = ImageOps.exif_transpose(opened)
        upright.thumbnail((max_side, max_side))
        clean = _pixels_only(upright, keep_alpha=target != "JPEG")
    out = io.BytesIO()
    if target == "JPEG":
        clean.save(out, format="JPEG", quality=85, optimize=True)
    elif target == "PNG":
        clean.save(out, format="PNG", optimize=True)
    else:
        clean.save(out, format="WEBP", quality=85)
    return out.getvalue()


def thumbnail_jpeg(image: Image.Image, *, side: int = THUMBNAIL_SIDE) -> bytes:
    """A small JPEG of `image` (at most `side` pixels a side), on white where it was clear."""
    image = ImageOps.exif_transpose(image)
    image.thumbnail((side, side))
    if image.mode in ("RGBA", "LA", "P", "PA"):
        image = image.convert("RGBA")
        flat = Image.new("RGB", image.size, (255, 255, 255))
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    elif image.mode != "RGB":
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80, optimize=True)
    return out.getvalue()


def thumbnail_of(data: bytes, *, side: int = THUMBNAIL_SIDE) -> bytes:
    """A small JPEG of the image in `data`."""
    with Image.open(io.BytesIO(data)) as image:
        return thumbnail_jpeg(image, side=side)
