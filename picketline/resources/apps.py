from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "picketline.resources"
    verbose_name = _("Resources")

    def ready(self):
        from picketline.resources.hooks import register

        register()
