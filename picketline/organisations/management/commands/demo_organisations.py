from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from picketline.organisations.demo import demo_organisations_load


class Command(BaseCommand):
    help = _(
        "Load demo organisations: a solidarity network with chapters in seven cities, a union "
        "with branches and a cross-union strike committee (once)."
    )

    def handle(self, *args, **options):
        loaded = demo_organisations_load()
        self.stdout.write(
            _("Demo organisations loaded.")
            if loaded
            else _("Demo organisations were already there.")
        )
