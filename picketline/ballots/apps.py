from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BallotsConfig(AppConfig):
    name = "picketline.ballots"
    verbose_name = _("Ballots")

    def ready(self):
        from picketline.ballots.hooks import register

        register()
