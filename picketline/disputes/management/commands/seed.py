import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from picketline.disputes.demo.seeding import seed_disputes


class Command(BaseCommand):
    help = _(
        "Create synthetic disputes for load tests and demos. They are marked as demo data and "
        "have the import key seed:<n>; running again adds more, numbered after the last."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--disputes", type=int, required=True, help=_("How many disputes to create.")
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=0,
            help=_("Random seed: the same seed gives the same disputes (default 0)."),
        )
        parser.add_argument(
            "--batch",
            type=int,
            default=5000,
            help=_("Disputes written per transaction (default 5000)."),
        )

    def handle(self, *args, disputes, seed, batch, verbosity, **options):
        if disputes < 0:
            raise CommandError(_("--disputes must be 0 or more."))
        if batch < 1:
            raise CommandError(_("--batch must be 1 or more."))
        started = time.perf_counter()

        def progress(done, total):
            if verbosity >= 2 or (verbosity >= 1 and total >= 10 * batch):
                self.stdout.write(_("%(done)d of %(total)d") % {"done": done, "total": total})

        report = seed_disputes(count=disputes, seed=seed, batch_size=batch, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Created %(disputes)d disputes (seed:%(first)d onwards) with %(sites)d "
                    "sites and %(organisations)d new organisations around towns from the "
                    "%(towns)s in %(seconds).1f s."
                )
                % {
                    "disputes": report.disputes,
                    "first": report.first_number,
                    "sites": report.sites,
                    "organisations": report.organisations,
                    "towns": report.towns_from,
                    "seconds": time.perf_counter() - started,
                }
            )
        )
