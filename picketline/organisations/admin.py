"""The Django admin, for admins. Saves go through the same invariants as the services."""

from django.contrib import admin

from picketline.core.text import normalize_name
from picketline.organisations.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "parent"]
    list_filter = ["kind", "country", "is_demo"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    filter_horizontal = ["coordinators"]
    exclude = ["verified_by"]

    def save_model(self, request, obj, form, change):
        obj.name_key = normalize_name(obj.name)
        super().save_model(request, obj, form, change)
