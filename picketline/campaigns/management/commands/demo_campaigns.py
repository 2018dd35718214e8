from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from picketline.campaigns.demo import demo_campaigns_load
from picketline.charters.demo import demo_charters_load


class Command(BaseCommand):
    help = _(
        "Load the demo campaign: the car industry across five countries, with its common "
        "demands, matrix and joint actions, and the car workers' charter in eleven languages "
        "(once)."
    )

    def handle(self, *args, **options):
        loaded = demo_campaigns_load()
        self.stdout.write(
            _("Demo campaign loaded.") if loaded else _("The demo campaign was already there.")
        )
        # The campaign's charter: the same as `picketline demo-charters`, which it leaves as is
        # when that ran first.
        demo_charters_load()
