from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from picketline.disputes.demo.disputes import DEMO_PASSWORD, demo_load
from picketline.disputes.demo.people import DEMO_ACCOUNTS, demo_people_load


class Command(BaseCommand):
    help = _("Load the demo disputes, demo accounts and pending reports (once; safe to re-run).")

    def handle(self, *args, **options):
        created = demo_load()
        self.stdout.write(_("Demo disputes created: %(n)d") % {"n": created})
        demo_people_load()
        names = ", ".join(username for username, _role in DEMO_ACCOUNTS)
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo logins (password %(password)s): %(names)s.")
                % {"password": DEMO_PASSWORD, "names": names}
            )
        )
        self.stdout.write(
            _(
                "Moderators and admins must set up two-factor authentication (an authenticator "
                "app) the first time they open the moderation queue or the admin."
            )
        )
