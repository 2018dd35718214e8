from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChartersConfig(AppConfig):
    name = "picketline.charters"
    verbose_name = _("Charters")

    def ready(self):
        from picketline.charters.hooks import register

        register()
