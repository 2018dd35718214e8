from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from picketline.accounts.roles import Role
from picketline.accounts.services import user_grant_role
from picketline.disputes.demo import DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = _("Load the demo disputes and demo accounts (once; safe to re-run).")

    def handle(self, *args, **options):
        created = demo_load()
        self.stdout.write(_("Demo disputes created: %(n)d") % {"n": created})
        User = get_user_model()
        for username, role in (("moderator", Role.MODERATOR), ("admin", Role.ADMIN)):
            user, new = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org"}
            )
            if new:
                user.set_password(DEMO_PASSWORD)
                user.save()
                user_grant_role(user=user, role=role)
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo logins: moderator / %(password)s and admin / %(password)s")
                % {"password": DEMO_PASSWORD}
            )
        )
