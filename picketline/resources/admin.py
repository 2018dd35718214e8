"""The Django admin, for admins: resources, to repair or remove one. Files are added through
the library's own pages, which check them from their content; the admin changes what is said
of a resource, never its file."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from picketline.resources.models import Resource


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "language", "organisation", "campaign", "visibility"]
    list_filter = ["kind", "language", "visibility", "is_demo"]
    search_fields = ["title"]
    autocomplete_fields = ["organisation", "campaign", "translation_of"]
    # The files have no URL (the storage refuses one): the admin shows the stored names.
    exclude = ["file", "thumbnail"]
    readonly_fields = ["stored_file", "content_type", "size", "link", "uploaded_by"]

    @admin.display(description=_("stored as"))
    def stored_file(self, resource):
        return resource.file.name or "—"
