"""Images for posts: checked by their content (not their name), re-encoded without metadata.

An uploaded photo often carries its GPS position and the camera's serial number in EXIF;
an authority publishing it would publish where a person was. Pillow reads the file (which
also proves it is the image it claims to be) and writes the pixels again without metadata.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from tillit.core.exceptions import Refused

#: The largest upload taken at all; each platform's own limit is checked per channel.
MAX_UPLOAD_BYTES = 15 * 1024 * 1024
#: Larger pictures are refused before decoding (a decompression bomb).
MAX_PIXELS = 40_000_000
MAX_ALT = 1000
MAX_IMAGES = 10
#: Pillow's format -> the media type written.
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}


class ImageRefused(Refused):
    """An upload that is not an image Tillit can publish, with the reason in Swedish."""


@dataclass(frozen=True)
class PreparedImage:
    """An image ready to store: clean bytes, their type and size."""

    content: ContentFile
    media_type: str
    width: int
    height: int
    name: str


def alt_text_clean(alt: str) -> str:
    """The alt text as stored; ImageRefused when it is missing or too long (WCAG 1.1.1)."""
    alt = " ".join((alt or "").split())
    if not alt:
        raise ImageRefused(
            _("Describe the image in an alt text: people who cannot see it need the words.")
        )
    if len(alt) > MAX_ALT:
        raise ImageRefused(_("The alt text may be at most %(max)d characters.") % {"max": MAX_ALT})
    return alt


def image_prepare(upload) -> PreparedImage:
    """Check an uploaded file and return it re-encoded without metadata."""
    size = getattr(upload, "size", None) or 0
    name = (getattr(upload, "name", "") or "bild")[-100:]
    if size > MAX_UPLOAD_BYTES:
        raise ImageRefused(
            _("The image %(name)s is %(size)s MB; at most %(max)s MB can be uploaded.")
            % {"name": name, "size": round(size / 1e6, 1), "max": MAX_UPLOAD_BYTES // 10**6}
        )
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format or ""
            width, height = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise ImageRefused(
            _("%(name)s is not an image Tillit can read. Use JPEG, PNG, GIF or WebP.")
            % {"name": name}
        ) from None
    if fmt not in FORMATS:
        raise ImageRefused(
            _("%(name)s is a %(format)s file; use JPEG, PNG, GIF or WebP.")
            % {"name": name, "format": fmt or "?"}
        )
    if width * height > MAX_PIXELS:
        raise ImageRefused(
            _("%(name)s is %(w)d × %(h)d pixels; make it smaller than 40 megapixels.")
            % {"name": name, "w": width, "h": height}
        )
    with Image.open(io.BytesIO(data)) as image:
        if fmt == "GIF" and getattr(image, "is_animated", False):
            # An animation is kept as it is: GIFs carry no EXIF position.
            clean = data
        else:
            upright: Image.Image = ImageOps.exif_transpose(image)  # upright once EXIF is gone
            out = io.BytesIO()
            params = {"quality": 92, "optimize": True} if fmt in ("JPEG", "WEBP") else {}
            if fmt == "JPEG" and upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            upright.save(out, format=fmt, **params)
            clean = out.getvalue()
            width, height = upright.size
    extension = {"JPEG": "jpg"}.get(fmt, fmt.lower())
    return PreparedImage(
        ContentFile(clean, name=f"bild.{extension}"), FORMATS[fmt], width, height, name
    )
