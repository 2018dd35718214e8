from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from picketline.membership.demo import demo_members_load


class Command(BaseCommand):
    help = _("Load demo dues plans and members in every standing (once).")

    def handle(self, *args, **options):
        loaded = demo_members_load()
        self.stdout.write(
            _("Demo members loaded.") if loaded else _("Demo members were already there.")
        )
