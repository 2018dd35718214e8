from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from picketline.events.rsvps.services import rsvp_counters_check


class Command(BaseCommand):
    help = _(
        "Compare each event's seat and queue counters with its RSVPs; with --repair, set them "
        "from the RSVPs and give free seats to the people waiting."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair", action="store_true", help=_("Fix the counters found wrong.")
        )

    def handle(self, *args, repair: bool = False, **options):
        drifts = rsvp_counters_check(repair=repair)
        for drift in drifts:
            self.stdout.write(
                _(
                    "Event %(event)s: %(count)s seats counted, %(confirmed)s RSVPs confirmed; "
                    "last number %(last)s, highest RSVP number %(top)s."
                )
                % {
                    "event": drift.event_id,
                    "count": drift.confirmed_count,
                    "confirmed": drift.confirmed,
                    "last": drift.last_number,
                    "top": drift.top_number,
                }
            )
        if not drifts:
            self.stdout.write(_("Every event's counters agree with its RSVPs."))
        elif repair:
            self.stdout.write(_("Repaired %(count)d events.") % {"count": len(drifts)})
        else:
            self.stdout.write(_("Run again with --repair to fix them."))
            raise SystemExit(1)
