from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from picketline.resources.demo import demo_resources_load


class Command(BaseCommand):
    help = _(
        "Load the demo library of the car-industry campaign and the solidarity network: a "
        "leaflet in three languages, a poster, a video link (once; after demo-appeals)."
    )

    def handle(self, *args, **options):
        loaded = demo_resources_load()
        self.stdout.write(
            _("Demo resources loaded.")
            if loaded
            else _("The demo resources were already there, or the demo campaign is missing.")
        )
