from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from picketline.events.demo import demo_events_load


class Command(BaseCommand):
    help = _("Load a demo day of action with local events around the world, and two events (once).")

    def handle(self, *args, **options):
        loaded = demo_events_load()
        self.stdout.write(
            _("Demo events loaded.") if loaded else _("Demo events were already there.")
        )
