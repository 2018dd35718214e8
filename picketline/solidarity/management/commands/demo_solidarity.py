from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from picketline.solidarity.demo import demo_solidarity_load


class Command(BaseCommand):
    help = _("Load demo messages, a strike fund, picket sign-ups and a delegation (once).")

    def handle(self, *args, **options):
        moderator = get_user_model().objects.filter(username="moderator").first()
        if moderator is None:
            self.stdout.write(_("Run `picketline demo` first."))
            return
        loaded = demo_solidarity_load(moderator=moderator)
        self.stdout.write(
            _("Demo solidarity loaded.") if loaded else _("Demo solidarity was already there.")
        )
