from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisputesConfig(AppConfig):
    name = "picketline.disputes"
    verbose_name = _("Disputes")

    def ready(self):
        from picketline.disputes import organisation_sections
        from picketline.disputes.coordinators.roles import register_coordinator_role
        from picketline.disputes.submissions.moderation import SubmissionHandler
        from picketline.moderation.registry import moderation_register

        moderation_register(SubmissionHandler())
        register_coordinator_role()
        # The disputes an organisation supports, on its page.
        organisation_sections.register()
        # People's own data: the disputes they reported.
        from picketline.disputes import own_data

        own_data.register()
