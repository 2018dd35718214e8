from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from picketline.appeals.demo import demo_appeals_load


class Command(BaseCommand):
    help = _(
        "Load the demo appeal of the car-industry campaign to two of its managers, with "
        "confirmed signatures from several countries (once; after demo-campaigns)."
    )

    def handle(self, *args, **options):
        loaded = demo_appeals_load()
        self.stdout.write(
            _("Demo appeal loaded.")
            if loaded
            else _("The demo appeal was already there, or the demo campaign is missing.")
        )
