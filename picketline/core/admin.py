from django.contrib import admin

from picketline.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "content_type", "object_id", "user"]
    list_filter = ["action", "content_type"]
    search_fields = ["action", "object_id", "reason"]
    date_hierarchy = "created_at"

    # The log is evidence: nobody edits or deletes it, not even an admin.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
