from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembershipConfig(AppConfig):
    name = "picketline.membership"
    verbose_name = _("Membership")

    def ready(self):
        from picketline.membership.hooks import register

        register()
