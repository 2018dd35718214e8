from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from picketline.ballots.demo import demo_ballots_load


class Command(BaseCommand):
    help = _(
        "Load two demo ballots of the demo network: one closed with its result and tracker, "
        "one open on an offer (once; loads the demo members first when needed)."
    )

    def handle(self, *args, **options):
        loaded = demo_ballots_load()
        self.stdout.write(
            _("Demo ballots loaded.") if loaded else _("The demo ballots were already there.")
        )
