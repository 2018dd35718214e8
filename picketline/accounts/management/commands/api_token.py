from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from picketline.accounts.services import api_token_create


class Command(BaseCommand):
    help = (
        "Makes a new API token for an account and prints it, this once (only its hash is "
        "kept). `picketline api-token USERNAME [--name NAME]`"
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="what the token is for")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active account is called {username!r}")
        try:
            _token, raw = api_token_create(user=user, name=name)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(raw)
