from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from picketline.charters.demo import DEMO_SLUG, demo_charters_load


class Command(BaseCommand):
    help = _("Load the demo charter with its eleven languages and endorsements (once).")

    def handle(self, *args, **options):
        loaded = demo_charters_load()
        self.stdout.write(
            _("Demo charter loaded: /charters/%(slug)s/") % {"slug": DEMO_SLUG}
            if loaded
            else _("The demo charter was already there.")
        )
