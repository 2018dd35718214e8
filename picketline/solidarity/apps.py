from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SolidarityConfig(AppConfig):
    name = "picketline.solidarity"
    verbose_name = _("Solidarity")

    def ready(self):
        # Each part adds its sections to the dispute's pages and its kinds to the moderation
        # queue; the registry and the queue know nothing of them.
        from picketline.solidarity import funds_hooks, levels_hooks, messages_hooks, pickets_hooks

        for part in (levels_hooks, messages_hooks, funds_hooks, pickets_hooks):
            part.register()

        # `picketline send-reminders` runs whatever the apps register.
        from picketline.core.reminders import reminder_task_register
        from picketline.solidarity.funds_services import pledge_reminders_send
        from picketline.solidarity.pickets_tasks import picket_reminders_send

        reminder_task_register(picket_reminders_send)
        reminder_task_register(pledge_reminders_send)
