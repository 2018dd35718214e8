"""The Django admin, for admins: appeals with their targets, the signatures, the deliveries.
Coordinators use the appeal's own pages, which keep the audit log; the admin is for repairs
(and the admin site asks every admin for the second factor).

Addresses stay out of sight: no list shows one, and a target's or a supporter's address is on
its page for superusers only. Signatures and deliveries are read here, never written: a
signature is confirmed by its emailed link and a delivery by the worker, which queue and
record what the services must (a signature may be deleted, with its deliveries, as a repair)."""

from django.contrib import admin

from picketline.appeals.models import Appeal, AppealDelivery, Signature, Target
from picketline.core.admin import ReadOnlyAdmin


def _without_email_unless_superuser(request, fields) -> list[str]:
    return [f for f in fields if f != "email" or request.user.is_superuser]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ["name", "role", "organisation", "email"]

    def get_fields(self, request, obj=None):
        return _without_email_unless_superuser(request, super().get_fields(request, obj))

    # A target needs an address, which only a superuser sees here.
    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_add_permission(request, obj)


@admin.register(Appeal)
class AppealAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "campaign", "dispute", "mode", "opens_at", "closes_at"]
    list_filter = ["mode", "allowance", "is_demo"]
    search_fields = ["title", "slug"]
    date_hierarchy = "opens_at"
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["campaign", "dispute"]
    readonly_fields = ["delivery_run_at", "created_at", "updated_at"]
    list_select_related = ["campaign", "dispute"]
    inlines = [TargetInline]


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    list_display = ["name", "appeal", "country", "status", "created_at", "confirmed_at"]
    list_filter = ["status", "country"]
    search_fields = ["name"]
    date_hierarchy = "created_at"
    list_select_related = ["appeal"]
    fields = [
        "appeal",
        "name",
        "email",
        "country",
        "paragraph",
        "status",
        "language",
        "created_at",
        "confirmed_at",
    ]

    def get_fields(self, request, obj=None):
        return _without_email_unless_superuser(request, super().get_fields(request, obj))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AppealDelivery)
class AppealDeliveryAdmin(ReadOnlyAdmin):
    """The queue is the worker's: read here, never written."""

    list_display = ["id", "appeal", "target", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status"]
    list_select_related = ["appeal", "target"]
    fields = [
        "appeal",
        "signature",
        "target",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
