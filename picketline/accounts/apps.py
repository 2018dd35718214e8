from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "picketline.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib import admin
        from django.db.models.signals import post_migrate

        from picketline.accounts.admin_site import install
        from picketline.accounts.hooks import register
        from picketline.accounts.services import admin_role_permissions_sync

        install(admin.site)
        register()
        # Every app's permissions are made on its own post_migrate (by django.contrib.auth,
        # connected before this): syncing on each leaves the role with all of them at the end.
        post_migrate.connect(admin_role_permissions_sync, dispatch_uid="accounts.admin_role")
