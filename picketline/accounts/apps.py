from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "picketline.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib import admin

        from picketline.accounts.admin_site import install
        from picketline.accounts.hooks import register

        install(admin.site)
        register()
