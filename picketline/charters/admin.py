"""The Django admin, for admins: charters with their versions, translations and endorsements.
Editors use the charter's own pages, which keep the audit log; the admin is for repairs."""

from django.contrib import admin

from picketline.charters.models import Charter, CharterTranslation, CharterVersion, Endorsement


class CharterVersionInline(admin.TabularInline):
    model = CharterVersion
    extra = 0
    fields = ["number", "published_on", "title"]
    show_change_link = True


@admin.register(Charter)
class CharterAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "organisation", "language"]
    list_filter = ["language", "is_demo"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisation"]
    inlines = [CharterVersionInline]


class CharterTranslationInline(admin.StackedInline):
    model = CharterTranslation
    extra = 0
    exclude = ["reviewed_by"]


@admin.register(CharterVersion)
class CharterVersionAdmin(admin.ModelAdmin):
    list_display = ["charter", "number", "published_on"]
    list_filter = ["charter"]
    inlines = [CharterTranslationInline]


@admin.register(CharterTranslation)
class CharterTranslationAdmin(admin.ModelAdmin):
    list_display = ["version", "language", "status", "reviewer_name", "reviewed_at"]
    list_filter = ["status", "language"]
    exclude = ["reviewed_by"]


@admin.register(Endorsement)
class EndorsementAdmin(admin.ModelAdmin):
    list_display = ["charter", "kind", "country", "status", "show_name", "counted_at"]
    list_filter = ["kind", "status", "country"]
    search_fields = ["name", "email"]
    exclude = ["confirm_token_hash", "confirm_expires_at"]
