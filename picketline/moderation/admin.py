from django.contrib import admin

from picketline.moderation.models import ModerationItem


@admin.register(ModerationItem)
class ModerationItemAdmin(admin.ModelAdmin):
    """Decisions are taken in the queue, where stale ones are refused; here they are looked up."""

    list_display = ["summary", "kind", "status", "country", "submitted_at", "decided_by"]
    list_filter = ["kind", "status", "country", "has_sources"]
    search_fields = ["summary"]
    date_hierarchy = "submitted_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
