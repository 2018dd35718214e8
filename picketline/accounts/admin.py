"""What an administrator may do about someone else's second factor and tokens: see that they
exist, reset a lost device, revoke a token. Secrets and hashes are never shown."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from picketline.accounts import passkeys, services
from picketline.accounts.models import ApiToken, Passkey, TotpDevice
from picketline.accounts.roles import Role, user_has_role


class AdminsOnly(admin.ModelAdmin):
    """Seen and acted on by administrators alone, whatever model permissions say."""

    def has_module_permission(self, request):
        return user_has_role(request.user, Role.ADMIN)

    def has_view_permission(self, request, obj=None):
        return user_has_role(request.user, Role.ADMIN)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TotpDevice)
class TotpDeviceAdmin(AdminsOnly):
    list_display = ["user", "confirmed_at", "created_at"]
    list_filter = [("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__username", "user__email"]
    fields = ["user", "confirmed_at", "created_at"]
    readonly_fields = fields

    def has_delete_permission(self, request, obj=None):
        return user_has_role(request.user, Role.ADMIN)

    # Deleting is how a lost device is reset; it goes through the service so it is audited.
    def delete_model(self, request, obj):
        services.totp_device_reset(user=obj.user, by=request.user)

    def delete_queryset(self, request, queryset):
        for device in queryset.select_related("user"):
            services.totp_device_reset(user=device.user, by=request.user)


@admin.register(Passkey)
class PasskeyAdmin(AdminsOnly):
    # The name is the owner's own label and may say whose phone it is: not shown here.
    list_display = ["user", "created_at", "last_used_at"]
    search_fields = ["user__username", "user__email"]
    fields = ["user", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_delete_permission(self, request, obj=None):
        return user_has_role(request.user, Role.ADMIN)

    # Deleting resets a lost passkey; through the service, so it is audited.
    def delete_model(self, request, obj):
        passkeys.passkey_reset(passkey=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for passkey in queryset.select_related("user"):
            passkeys.passkey_reset(passkey=passkey, by=request.user)


@admin.register(ApiToken)
class ApiTokenAdmin(AdminsOnly):
    list_display = ["name", "prefix", "user", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__username"]
    fields = ["name", "prefix", "user", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = fields
    actions = ["revoke"]

    def has_delete_permission(self, request, obj=None):
        return False

    def has_revoke_permission(self, request):
        return user_has_role(request.user, Role.ADMIN)

    @admin.action(description=_("Revoke the selected tokens"), permissions=["revoke"])
    def revoke(self, request, queryset):
        tokens = list(queryset.filter(revoked_at=None))
        for token in tokens:
            services.api_token_revoke(token=token, user=request.user)
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", len(tokens))
            % {"count": len(tokens)},
            messages.SUCCESS,
        )
