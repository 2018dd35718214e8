"""The Django admin, for admins: campaigns with their sectors, disputes and common demands
(with translations), employer groups, and the matrix's cells. The database's constraints hold
here as in the services."""

from django.contrib import admin

from picketline.campaigns.models import (
    Campaign,
    CampaignDispute,
    CampaignSector,
    CommonDemand,
    CommonDemandTranslation,
    DemandAdoption,
    EmployerGroup,
)


@admin.register(EmployerGroup)
class EmployerGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "parent"]
    search_fields = ["name", "parent__name"]
    autocomplete_fields = ["parent", "subsidiaries"]


class SectorInline(admin.TabularInline):
    model = CampaignSector
    extra = 0


class DisputeInline(admin.TabularInline):
    model = CampaignDispute
    extra = 0
    raw_id_fields = ["dispute"]


class DemandInline(admin.TabularInline):
    model = CommonDemand
    extra = 0
    show_change_link = True


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "language", "created_at"]
    list_filter = ["status", "is_demo"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisations", "targets"]
    filter_horizontal = ["coordinators"]
    raw_id_fields = ["days_of_action", "events"]
    inlines = [SectorInline, DisputeInline, DemandInline]


class TranslationInline(admin.TabularInline):
    model = CommonDemandTranslation
    extra = 0


@admin.register(CommonDemand)
class CommonDemandAdmin(admin.ModelAdmin):
    list_display = ["text", "campaign", "language", "position"]
    list_filter = ["language"]
    search_fields = ["text", "campaign__title"]
    raw_id_fields = ["campaign"]
    inlines = [TranslationInline]


@admin.register(DemandAdoption)
class DemandAdoptionAdmin(admin.ModelAdmin):
    list_display = ["membership", "demand", "adopted", "status", "date"]
    list_filter = ["adopted", "status"]
    raw_id_fields = ["membership", "demand"]
