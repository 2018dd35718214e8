"""The Django admin, for admins. Saves go through the same invariants as the services."""

from django.contrib import admin

from picketline.core.audit import log_action
from picketline.disputes import services
from picketline.disputes.models import (
    Dispute,
    DisputeDemand,
    PicketShift,
    Site,
    Source,
    StrikeAction,
    Submission,
)


class DemandInline(admin.TabularInline):
    model = DisputeDemand
    extra = 0


class SourceInline(admin.TabularInline):
    model = Source
    extra = 0


class SiteInline(admin.StackedInline):
    model = Site
    extra = 0
    show_change_link = True


class ActionInline(admin.TabularInline):
    model = StrikeAction
    extra = 0


@admin.register(Dispute)
class DisputeAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "verification", "start_date", "is_demo"]
    list_filter = ["status", "kind", "verification", "sector", "sensitive", "is_demo"]
    search_fields = ["title", "slug", "source_key"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["employers", "unions", "coordinators"]
    inlines = [DemandInline, SiteInline, ActionInline, SourceInline]
    date_hierarchy = "created_at"
    show_full_result_count = False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        log_action(
            obj,
            "dispute.updated" if change else "dispute.created",
            user=request.user,
            data={"admin": True, "fields": sorted(form.changed_data)},
        )

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            if isinstance(obj, Site):
                services.site_set_public_point(obj)
            obj.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        dispute = form.instance
        if "sensitive" in form.changed_data:
            for site in dispute.sites.all():
                services.site_set_public_point(site)
                site.save(update_fields=["public_latitude", "public_longitude"])
        services.dispute_refresh_search_text(dispute)


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "dispute", "city", "country", "precision"]
    list_filter = ["country", "precision"]
    search_fields = ["name", "city", "dispute__title"]
    autocomplete_fields = ["dispute"]

    def save_model(self, request, obj, form, change):
        services.site_set_public_point(obj)
        super().save_model(request, obj, form, change)


@admin.register(PicketShift)
class PicketShiftAdmin(admin.ModelAdmin):
    list_display = ["site", "starts_at", "ends_at", "timezone", "recurrence"]
    list_filter = ["recurrence", "timezone"]
    autocomplete_fields = ["site"]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    """Reports are decided in the moderation queue; here admins can look them up."""

    list_display = ["employer", "place_name", "country", "kind", "created_at", "dispute"]
    list_filter = ["kind", "country", "via_api", "is_demo"]
    search_fields = ["employer", "unions", "place_name"]
    date_hierarchy = "created_at"
    exclude = ["status_nonce", "status_token_hash"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
