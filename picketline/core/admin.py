from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from picketline.core.models import AuditEntry, OutboxEmail
from picketline.core.outbox import outbox_retry


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows only services and workers write: read in the admin, never added, changed or
    deleted there, not even by an admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """The log is evidence: nobody edits or deletes it."""

    list_display = ["created_at", "action", "content_type", "object_id", "user"]
    list_filter = ["action", "content_type"]
    search_fields = ["action", "object_id", "reason"]
    date_hierarchy = "created_at"


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    """Emails on their way, and those given up: why they failed, and sending them again."""

    list_display = ["created_at", "address", "subject", "status", "attempts", "next_attempt_at"]
    list_filter = ["status"]
    readonly_fields = ["last_error"]
    actions = ["send_again"]

    # An email is written by the service that sends it, never by hand.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send again now"))
    def send_again(self, request, queryset):
        count = outbox_retry(pks=list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            ngettext(
                "%(count)d email will be sent again.", "%(count)d emails will be sent again.", count
            )
            % {"count": count},
        )
