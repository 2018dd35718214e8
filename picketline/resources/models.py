"""A resource: a leaflet, a brochure, a poster, a video, a document or an image an organisation
or a campaign offers to its supporters, in one of the content languages; either a file (a PDF
or an image, whose type was read from its content) or an external link (a video's, https only).

A document in several languages is one resource per language: the translations point at the
first one (`translation_of`), so the library shows one document with a choice of languages.

Files are kept in a storage no route serves (`storage.ResourceStorage`); `views.resource_file`
streams each to those allowed to see it. Who uploaded a resource is never shown.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext_lazy as _

from picketline.core.i18n import content_language_name
from picketline.core.models import TimeStampedModel
from picketline.resources.storage import resource_storage


class ResourceKind(models.TextChoices):
    LEAFLET = "leaflet", _("Leaflet")
    BROCHURE = "brochure", _("Brochure")
    POSTER = "poster", _("Poster")
    VIDEO = "video", _("Video")
    DOCUMENT = "document", _("Document")
    IMAGE = "image", _("Image")
    OTHER = "other", _("Other")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MANAGERS = "managers", _("Only the people who run the organisation or the campaign")


# The content types a file may have, read from its bytes (`files.inspect_upload`).
PDF = "application/pdf"
IMAGE_TYPES = ("image/jpeg", "image/png", "image/webp")
FILE_TYPES = (PDF, *IMAGE_TYPES)
EXTENSIONS = {PDF: "pdf", "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
TYPE_LABELS = {
    PDF: _("PDF document"),
    "image/jpeg": _("JPEG image"),
    "image/png": _("PNG image"),
    "image/webp": _("WebP image"),
}


class Resource(TimeStampedModel):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="resources",
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="resources",
    )
    # The same document in another language: the first resource of the group. A translation
    # outlives the original (the group is then led by what is left).
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.CharField(_("description"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=ResourceKind)
    language = models.CharField(_("language"), max_length=16)
    file = models.FileField(_("file"), storage=resource_storage, max_length=100, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    # What the file's bytes are (never what its name or the browser said), served as it is.
    content_type = models.CharField(_("type"), max_length=40, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    thumbnail = models.FileField(
        _("thumbnail"), storage=resource_storage, max_length=100, blank=True
    )
    visibility = models.CharField(
        _("who sees it"), max_length=16, choices=Visibility, default=Visibility.PUBLIC
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "-created_at"], name="resource_org_recent"),
            models.Index(fields=["campaign", "-created_at"], name="resource_campaign_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(organisation__isnull=False) & Q(campaign__isnull=True))
                | (Q(organisation__isnull=True) & Q(campaign__isnull=False)),
                name="resource_of_organisation_or_campaign",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="resource_has_title"),
            models.CheckConstraint(condition=~Q(language=""), name="resource_has_language"),
            models.CheckConstraint(
                condition=Q(kind__in=ResourceKind.values), name="resource_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(visibility__in=Visibility.values), name="resource_visibility_known"
            ),
            # A file (of a type read from its content, with its size) or a link, never both.
            models.CheckConstraint(
                condition=(
                    ~Q(file="") & Q(link="") & Q(content_type__in=FILE_TYPES) & Q(size__gt=0)
                )
                | (Q(file="") & ~Q(link="") & Q(content_type="") & Q(size=0)),
                name="resource_file_xor_link",
            ),
            models.CheckConstraint(
                condition=Q(link="") | Q(link__startswith="https://"),
                name="resource_link_https",
            ),
            models.CheckConstraint(
                condition=Q(translation_of__isnull=True) | ~Q(translation_of=models.F("id")),
                name="resource_not_its_own_translation",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def owner(self):
        return self.organisation if self.organisation_id else self.campaign

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    @property
    def is_link(self) -> bool:
        return bool(self.link)

    @property
    def is_image(self) -> bool:
        return self.content_type in IMAGE_TYPES

    @property
    def language_name(self) -> str:
        return content_language_name(self.language)

    @property
    def type_label(self) -> str:
        return TYPE_LABELS.get(self.content_type, "")

    def download_name(self) -> str:
        """A safe name for the download: the title's letters and the extension of the type
        read from the content (never the name the file was uploaded with)."""
        stem = get_valid_filename(slugify(self.title, allow_unicode=True)[:80]) or "resource"
        return f"{stem}.{EXTENSIONS[self.content_type]}"

    def get_file_url(self) -> str:
        return reverse("resources:file", kwargs={"pk": self.pk, "filename": self.download_name()})

    def get_thumbnail_url(self) -> str:
        return reverse("resources:thumbnail", kwargs={"pk": self.pk})

    @property
    def group_id(self) -> int:
        """The resource that leads this one's group of languages."""
        return self.translation_of_id or self.pk
