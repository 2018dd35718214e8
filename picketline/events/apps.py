from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "picketline.events"
    verbose_name = _("Events")

    def ready(self):
        # Events add their kinds to the moderation queue, a section to the dispute page and
        # the joint-action level of solidarity; none of those apps knows about events.
        from picketline.events import hooks

        hooks.register()
