from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "picketline.organisations"
    verbose_name = _("Organisations")

    def ready(self):
        from picketline.organisations.chapters.roles import register_chapter_organiser_role
        from picketline.organisations.roles import register_account_holder_role

        register_account_holder_role()
        register_chapter_organiser_role()
        # People's own data: their chapter requests and the invitations sent to them.
        from picketline.organisations import own_data

        own_data.register()
