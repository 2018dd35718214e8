from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SolidarityConfig(AppConfig):
    name = "picketline.solidarity"
    verbose_name = _("Solidarity")

    def ready(self):
        # Each part adds its sections to the dispute's pages and its kinds to the moderation
        # queue; the registry and the queue know nothing of them.
        from picketline.solidarity.delegations import hooks as delegations
        from picketline.solidarity.funds import hooks as funds
        from picketline.solidarity.levels import hooks as levels
        from picketline.solidarity.messages import hooks as messages
        from picketline.solidarity.pickets import hooks as pickets

        for part in (levels, delegations, messages, funds, pickets):
            part.register()

        # People's own data: what they sent, pledged and signed up to.
        from picketline.solidarity import own_data

        own_data.register()

        # `picketline send-reminders` runs whatever the apps register.
        from picketline.core.reminders import reminder_task_register
        from picketline.solidarity.funds.tasks import pledge_reminders_send
        from picketline.solidarity.pickets.tasks import picket_reminders_send

        reminder_task_register(picket_reminders_send)
        reminder_task_register(pledge_reminders_send)
