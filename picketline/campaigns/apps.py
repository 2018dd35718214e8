from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "picketline.campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        # Campaigns add a section to the dispute and organisation pages, the "one struggle"
        # level of solidarity, the coordinators' invitation role and their own data; none of
        # those apps knows about campaigns.
        from picketline.campaigns import hooks

        hooks.register()
