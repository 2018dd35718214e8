from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from picketline.campaigns.demo import demo_campaigns_load


class Command(BaseCommand):
    help = _(
        "Load the demo campaign: the car industry across five countries, with its common "
        "demands, matrix and joint actions (once)."
    )

    def handle(self, *args, **options):
        loaded = demo_campaigns_load()
        self.stdout.write(
            _("Demo campaign loaded.") if loaded else _("The demo campaign was already there.")
        )
