from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from picketline.membership.roles import ROLES, role_grant
from picketline.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Gives an account a role in an organisation: member, organiser (of a chapter), "
        "treasurer or admin. `picketline grant-role USERNAME --organisation SLUG --role ROLE "
        "[--chapter SLUG]`"
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--organisation", required=True, help="the organisation's slug")
        parser.add_argument("--role", required=True, choices=ROLES)
        parser.add_argument("--chapter", help="a chapter's slug (needed for organiser)")

    def handle(self, *args, username, organisation, role, chapter, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account is called {username!r}")
        found = Organisation.objects.filter(slug=organisation).first()
        if found is None:
            raise CommandError(f"No organisation has the slug {organisation!r}")
        chosen = None
        if chapter:
            chosen = found.chapters.filter(slug=chapter).first()
            if chosen is None:
                raise CommandError(f"{found.name} has no chapter with the slug {chapter!r}")
        try:
            said = role_grant(user=user, organisation=found, role=role, chapter=chosen)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(said)
