from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from picketline.membership.demo import PASSWORD, demo_members_load


class Command(BaseCommand):
    help = _("Load demo dues plans and members in every standing (once).")

    def handle(self, *args, **options):
        loaded = demo_members_load()
        self.stdout.write(
            _("Demo members loaded.") if loaded else _("Demo members were already there.")
        )
        self.stdout.write(
            _(
                "Membership logins (password %(password)s): organiser (the Leeds chapter), "
                "treasurer, network-admin (the network's admin), member (a member in good "
                "standing). Organisers, treasurers and admins set up two-factor "
                "authentication the first time they open a roster."
            )
            % {"password": PASSWORD}
        )
