from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "picketline.events"
    verbose_name = _("Events")

    def ready(self):
        # Events add their kinds to the moderation queue, a section to the dispute page and
        # the joint-action level of solidarity (days of action); none of those apps knows
        # about events.
        from picketline.events import hooks

        hooks.register()

        # People's own data: their RSVPs and the events they offered to host.
        from picketline.events import own_data

        own_data.register()

        # Reminders a day and an hour before, sent by `picketline send-reminders`.
        from picketline.core.reminders import reminder_task_register
        from picketline.events.tasks import event_reminders_send

        reminder_task_register(event_reminders_send)
