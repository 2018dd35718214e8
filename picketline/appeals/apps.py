from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "picketline.appeals"
    verbose_name = _("Appeals")

    def ready(self):
        from picketline.appeals.hooks import register

        register()
