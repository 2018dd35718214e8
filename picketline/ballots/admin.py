"""The Django admin shows ballots read-only: their rules, options and results. It never shows
a vote (sealed or counted) or the roll: a ballot is changed only through its own pages and
API, so the secret and the frozen roll cannot be edited behind them."""

from django.contrib import admin

from picketline.ballots.models import Ballot, BallotOption, Scrutineer
from picketline.core.admin import ReadOnlyAdmin


class OptionInline(admin.TabularInline):
    model = BallotOption
    extra = 0
    fields = ["position", "label"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ScrutineerInline(OptionInline):
    model = Scrutineer
    fields = ["user"]


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdmin):
    list_display = ["question", "organisation", "status", "opens_at", "closes_at"]
    list_filter = ["status", "electorate"]
    search_fields = ["question", "organisation__name"]
    exclude = ["seal_salt"]
    inlines = [OptionInline, ScrutineerInline]
